package io.userservice.app;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The reverse proxies whose {@code X-Forwarded-For} is believed ({@code USERSVC_TRUSTED_PROXIES}:
 * IP addresses and CIDR ranges, IPv4 or IPv6). The client is the right-most forwarded address
 * that is not itself a trusted proxy; a request whose socket peer is not trusted is its own
 * client, whatever headers it sends. Only address literals are read, so nothing is looked up in
 * DNS.
 */
final class TrustedProxies {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");
    private static final int MAX_HOPS = 32;

    private record Range(byte[] network, int prefixBits) {
        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int full = prefixBits / 8;
            for (int i = 0; i < full; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixBits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (bytes[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    /** Parses a comma-separated list such as {@code 10.0.0.0/8, 192.0.2.7, fd00::/8}. */
    static TrustedProxies parse(String list) {
        List<Range> ranges = new ArrayList<>();
        if (list != null) {
            for (String item : list.split(",")) {
                String entry = item.strip();
                if (!entry.isEmpty()) {
                    ranges.add(range(entry));
                }
            }
        }
        return new TrustedProxies(ranges);
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    /**
     * The client's address for a request from {@code peer} carrying these {@code X-Forwarded-For}
     * header values (in the order received).
     */
    String clientAddress(String peer, List<String> forwardedFor) {
        Optional<InetAddress> peerAddress = literal(peer);
        if (peerAddress.isEmpty() || !isTrusted(peerAddress.get())) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        String client = peerAddress.get().getHostAddress();
        for (int i = hops.size() - 1; i >= 0 && hops.size() - i <= MAX_HOPS; i--) {
            Optional<InetAddress> hop = literal(hops.get(i));
            if (hop.isEmpty()) {
                return client;
            }
            client = hop.get().getHostAddress();
            if (!isTrusted(hop.get())) {
                return client;
            }
        }
        return client;
    }

    private boolean isTrusted(InetAddress address) {
        return ranges.stream().anyMatch(range -> range.contains(address));
    }

    private static Range range(String entry) {
        int slash = entry.indexOf('/');
        String host = slash < 0 ? entry : entry.substring(0, slash);
        InetAddress address = literal(host).orElseThrow(() -> new ConfigException(
                "USERSVC_TRUSTED_PROXIES: '" + entry + "' is not an IP address or CIDR range"));
        int maxBits = address.getAddress().length * 8;
        int bits = maxBits;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > maxBits) {
                throw new ConfigException("USERSVC_TRUSTED_PROXIES: '" + entry + "' has a bad prefix length");
            }
        }
        return new Range(address.getAddress(), bits);
    }

    /** The address when {@code text} is an IP literal (IPv6 possibly in brackets), never a host name. */
    static Optional<InetAddress> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String candidate = text.strip();
        if (candidate.startsWith("[") && candidate.endsWith("]")) {
            candidate = candidate.substring(1, candidate.length() - 1);
        }
        boolean v4 = IPV4.matcher(candidate).matches();
        if (candidate.isEmpty() || candidate.length() > 45 || !(v4 || IPV6.matcher(candidate).matches())) {
            return Optional.empty();
        }
        if (v4 && Arrays.stream(candidate.split("\\.")).anyMatch(octet -> Integer.parseInt(octet) > 255)) {
            // not a literal: InetAddress would look the text up as a host name
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(candidate));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return ranges.size() + " trusted proxy range(s)";
    }
}
