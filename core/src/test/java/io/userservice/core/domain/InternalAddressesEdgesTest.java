package io.userservice.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class InternalAddressesEdgesTest {

    /** The IPv6 address ::{@code b10}{@code b11}:a.b.c.d, kept as IPv6 (the resolver would turn a mapped one into IPv4). */
    private static Inet6Address carrying(int b10, int b11, int a, int b, int c, int d) throws UnknownHostException {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) b10;
        bytes[11] = (byte) b11;
        bytes[12] = (byte) a;
        bytes[13] = (byte) b;
        bytes[14] = (byte) c;
        bytes[15] = (byte) d;
        return Inet6Address.getByAddress(null, bytes, null);
    }

    @Test
    void anIpv4MappedAddressIsInternalExactlyWhenTheAddressItCarriesIs() throws UnknownHostException {
        assertThat(InternalAddresses.isInternal(carrying(0xff, 0xff, 10, 0, 0, 1))).isTrue();
        assertThat(InternalAddresses.isInternal(carrying(0xff, 0xff, 169, 254, 169, 254))).isTrue();
        assertThat(InternalAddresses.isInternal(carrying(0xff, 0xff, 8, 8, 8, 8))).isFalse();
    }

    @Test
    void anIpv4CompatibleAddressIsInternalExactlyWhenTheAddressItCarriesIs() throws UnknownHostException {
        assertThat(InternalAddresses.isInternal(carrying(0, 0, 10, 0, 0, 1))).isTrue();
        assertThat(InternalAddresses.isInternal(carrying(0, 0, 8, 8, 8, 8))).isFalse();
    }

    @Test
    void otherAddressesWithAZeroPrefixCarryNoIpv4Address() throws UnknownHostException {
        assertThat(InternalAddresses.isInternal(carrying(0xff, 0, 10, 0, 0, 1))).isFalse();
        assertThat(InternalAddresses.isInternal(carrying(0, 0xff, 10, 0, 0, 1))).isFalse();
        assertThat(InternalAddresses.isInternal(carrying(0, 1, 10, 0, 0, 1))).isFalse();
    }

    @Test
    void aMappedSuffixAfterANonZeroByteCarriesNoIpv4Address() throws UnknownHostException {
        for (int i = 0; i < 10; i++) {
            Inet6Address base = carrying(0xff, 0xff, 10, 0, 0, 1);
            byte[] bytes = base.getAddress();
            bytes[i] = 0x20;
            assertThat(InternalAddresses.isInternal(Inet6Address.getByAddress(null, bytes, null))).as("byte " + i)
                    .isFalse();
        }
    }

    /** The 6to4 address (2002::/16) that carries this IPv4 address, which the checks of the IPv4 form cannot see. */
    private static boolean carriedBy6to4IsInternal(String ipv4) throws UnknownHostException {
        byte[] v4 = java.net.InetAddress.getByName(ipv4).getAddress();
        byte[] bytes = new byte[16];
        bytes[0] = 0x20;
        bytes[1] = 0x02;
        System.arraycopy(v4, 0, bytes, 2, 4);
        bytes[15] = 1;
        return InternalAddresses.isInternal(Inet6Address.getByAddress(null, bytes, null));
    }

    @Test
    void theInternalIpv4RangesEndExactlyAtTheirEdges() throws UnknownHostException {
        for (String internal : List.of("0.1.2.3", "10.0.0.0", "10.255.255.255", "127.0.0.2", "100.64.0.0",
                "100.127.255.255", "169.254.0.1", "172.16.0.0", "172.31.255.255", "192.168.0.1", "192.0.0.1",
                "198.18.0.1", "198.19.255.255", "224.0.0.1", "240.0.0.1", "255.255.255.255")) {
            assertThat(carriedBy6to4IsInternal(internal)).as(internal).isTrue();
        }
        for (String external : List.of("1.2.3.4", "9.255.255.255", "11.0.0.0", "126.255.255.255", "128.0.0.0",
                "99.64.0.1", "101.64.0.1", "100.63.255.255", "100.128.0.0", "168.254.0.1", "170.254.0.1",
                "169.253.0.1", "169.255.0.1", "171.16.0.1", "173.16.0.1", "172.15.255.255", "172.32.0.0",
                "191.168.0.1", "193.168.0.1", "192.167.0.1", "192.169.0.1", "192.0.1.1", "192.1.0.1", "197.18.0.1",
                "199.18.0.1", "198.17.0.1", "198.20.0.1", "223.255.255.255")) {
            assertThat(carriedBy6to4IsInternal(external)).as(external).isFalse();
        }
    }

    @Test
    void anIpv4AddressInTheZeroNetworkIsInternal() throws UnknownHostException {
        assertThat(InternalAddresses.isInternal(java.net.InetAddress.getByName("0.1.2.3"))).isTrue();
        assertThat(InternalAddresses.isInternal(java.net.InetAddress.getByName("100.127.255.255"))).isTrue();
        assertThat(InternalAddresses.isInternal(java.net.InetAddress.getByName("100.128.0.0"))).isFalse();
    }
}
