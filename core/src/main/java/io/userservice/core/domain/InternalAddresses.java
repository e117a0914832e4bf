package io.userservice.core.domain;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Addresses a webhook must not reach unless the operator allows it: the service's own network
 * and the machine it runs on.
 */
public final class InternalAddresses {

    private static final byte[] NAT64_WELL_KNOWN = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final byte[] NAT64_LOCAL_USE = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 1};
    private static final byte[] SIX_TO_FOUR = {0x20, 0x02};
    private static final byte[] TEREDO = {0x20, 0x01, 0, 0};

    private InternalAddresses() {
    }

    /**
     * Loopback, unspecified, private (RFC 1918), carrier-grade NAT, link-local (with the cloud
     * metadata address 169.254.169.254), multicast, unique-local IPv6 (fc00::/7), site-local, and
     * the IPv6 forms that carry an IPv4 address: mapped and compatible, 6to4 (2002::/16) and the
     * NAT64 well-known prefix (64:ff9b::/96) when the address they carry is internal; the local-use
     * NAT64 prefix (64:ff9b:1::/48) and Teredo (2001::/32), whose relays may reach anything.
     */
    public static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return isInternalV4(bytes);
        }
        if (address instanceof Inet6Address) {
            if ((bytes[0] & 0xfe) == 0xfc) {
                return true;
            }
            boolean zeroPrefix = true;
            for (int i = 0; i < 10; i++) {
                zeroPrefix &= bytes[i] == 0;
            }
            boolean mapped = zeroPrefix && ((bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff)
                    || (bytes[10] == 0 && bytes[11] == 0));
            if (mapped || startsWith(bytes, NAT64_WELL_KNOWN)) {
                return isInternalV4(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]});
            }
            if (startsWith(bytes, SIX_TO_FOUR)) {
                return isInternalV4(new byte[] {bytes[2], bytes[3], bytes[4], bytes[5]});
            }
            return startsWith(bytes, NAT64_LOCAL_USE) || startsWith(bytes, TEREDO);
        }
        return false;
    }

    private static boolean startsWith(byte[] address, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (address[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isInternalV4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 || first == 10 || first == 127
                || (first == 100 && second >= 64 && second <= 127)
                || (first == 169 && second == 254)
                || (first == 172 && second >= 16 && second <= 31)
                || (first == 192 && second == 168)
                || (first == 192 && second == 0 && (b[2] & 0xff) == 0)
                || (first == 198 && (second == 18 || second == 19))
                || first >= 224;
    }
}
