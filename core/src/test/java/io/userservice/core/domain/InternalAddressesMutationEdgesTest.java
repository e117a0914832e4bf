package io.userservice.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class InternalAddressesMutationEdgesTest {

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
}
