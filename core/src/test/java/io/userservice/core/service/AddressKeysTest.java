package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressKeysTest {

    @Test
    void anIpv4AddressCountsAsItself() {
        assertThat(AddressKeys.of("198.51.100.7", 64)).isEqualTo("198.51.100.7");
        assertThat(AddressKeys.of("198.51.100.8", 64)).isNotEqualTo(AddressKeys.of("198.51.100.7", 64));
    }

    @Test
    void everyAddressOfOneIpv6SlashSixtyFourCountsAsOne() {
        String first = AddressKeys.of("2001:db8:1:2::1", 64);

        assertThat(AddressKeys.of("2001:db8:1:2:ffff:ffff:ffff:fffe", 64)).isEqualTo(first);
        assertThat(AddressKeys.of("2001:DB8:1:2:0:0:0:99", 64)).isEqualTo(first);
        assertThat(AddressKeys.of("[2001:db8:1:2::abcd]", 64)).isEqualTo(first);
        assertThat(AddressKeys.of("2001:db8:1:2::abcd%eth0", 64)).isEqualTo(first);
        assertThat(AddressKeys.of("2001:db8:1:3::1", 64)).isNotEqualTo(first);
        assertThat(first).isEqualTo("2001:db8:1:2:0:0:0:0/64");
    }

    @Test
    void thePrefixLengthIsConfigurable() {
        assertThat(AddressKeys.of("2001:db8:1:2::1", 56)).isEqualTo(AddressKeys.of("2001:db8:1:ff::1", 56));
        assertThat(AddressKeys.of("2001:db8:1:2::1", 56)).isNotEqualTo(AddressKeys.of("2001:db8:1:102::1", 56));
        assertThat(AddressKeys.of("2001:db8::1", 128)).isNotEqualTo(AddressKeys.of("2001:db8::2", 128));
        assertThat(AddressKeys.of("2001:db8:1:2:3::1", 60)).isEqualTo("2001:db8:1:0:0:0:0:0/60");
    }

    @Test
    void anIpv4AddressMappedIntoIpv6CountsAsTheIpv4Address() {
        assertThat(AddressKeys.of("::ffff:198.51.100.7", 64)).isEqualTo("198.51.100.7");
    }

    @Test
    void textThatIsNoAddressCountsAsItselfAndIsNeverLookedUp() {
        assertThat(AddressKeys.of("unknown", 64)).isEqualTo("unknown");
        assertThat(AddressKeys.of("localhost", 64)).isEqualTo("localhost");
        assertThat(AddressKeys.of("1.2.3", 64)).isEqualTo("1.2.3");
        assertThat(AddressKeys.of("::gg", 64)).isEqualTo("::gg");
        assertThat(AddressKeys.of("999.1.1.1", 64)).isEqualTo("999.1.1.1");
    }
}
