package io.userservice.core.service;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * What a client address is counted under by the per-address limits. An IPv4 address counts as
 * itself. An IPv6 address counts as its network of the configured prefix length (a /64 by
 * default), because one subscriber usually holds a whole /64 and can rotate through it at will;
 * an IPv4 address mapped into IPv6 counts as the IPv4 address. Text that is no IP literal counts as
 * itself. Only literals are parsed, so no lookup ever leaves the process.
 */
final class AddressKeys {

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-fA-F:.]{2,45}");

    private AddressKeys() {
    }

    static String of(String clientAddress, int ipv6PrefixLength) {
        String address = clientAddress.strip();
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        int zone = address.indexOf('%');
        if (zone >= 0) {
            address = address.substring(0, zone);
        }
        if (IPV4.matcher(address).matches()) {
            return address;
        }
        if (address.indexOf(':') < 0 || !IPV6_LITERAL.matcher(address).matches()) {
            return clientAddress;
        }
        InetAddress parsed;
        try {
            // with a colon and only hex digits, colons and dots, this parses a literal and never resolves a name
            parsed = InetAddress.getByName(address);
        } catch (UnknownHostException | SecurityException e) {
            return clientAddress;
        }
        if (parsed instanceof Inet4Address v4) {
            return v4.getHostAddress();
        }
        if (!(parsed instanceof Inet6Address)) {
            return clientAddress;
        }
        byte[] bytes = parsed.getAddress();
        StringBuilder network = new StringBuilder();
        for (int bit = 0; bit < 128; bit += 16) {
            int group = ((bytes[bit / 8] & 0xff) << 8) | (bytes[bit / 8 + 1] & 0xff);
            int kept = Math.max(0, Math.min(16, ipv6PrefixLength - bit));
            group &= kept == 0 ? 0 : (0xffff << (16 - kept)) & 0xffff;
            network.append(bit == 0 ? "" : ":").append(Integer.toHexString(group));
        }
        return network.append('/').append(ipv6PrefixLength).toString();
    }
}
