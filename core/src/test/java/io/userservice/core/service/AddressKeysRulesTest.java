package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Text that looks like an IPv6 literal (colons, hex digits and dots only) but is none counts as
 * the text exactly as the client gave it, never as an empty or shared key that many clients would
 * then count under together.
 */
class AddressKeysRulesTest {

    @Test
    void aMalformedIpv6LiteralCountsAsItselfAndNotUnderASharedKey() {
        assertThat(AddressKeys.of("1::2::3", 64)).isEqualTo("1::2::3");
        assertThat(AddressKeys.of("[12345::1]", 64)).isEqualTo("[12345::1]");
        assertThat(AddressKeys.of("1:2:3:4:5:6:7:8:9", 64)).isEqualTo("1:2:3:4:5:6:7:8:9");
        assertThat(AddressKeys.of("1::2::3", 64)).isNotEqualTo(AddressKeys.of("4::5::6", 64));
    }

    @Test
    void aZoneAloneIsNoAddressAndCountsAsItself() {
        assertThat(AddressKeys.of("%eth0", 64)).isEqualTo("%eth0");
        assertThat(AddressKeys.of("[%eth0]", 64)).isEqualTo("[%eth0]");
    }
}
