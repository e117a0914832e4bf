package io.userservice.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InternalAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
            "0.0.0.0", "224.0.0.1", "::1", "::", "fe80::1", "fd00::1", "::ffff:10.0.0.1", "::10.0.0.1",
            "2002:0a00:0001::1", "2002:a9fe:a9fe::", "64:ff9b::a9fe:a9fe", "64:ff9b::7f00:1", "64:ff9b:1::1",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2"})
    void internalAddressesAndIpv6FormsCarryingThemAreInternal(String literal) throws UnknownHostException {
        assertThat(InternalAddresses.isInternal(InetAddress.getByName(literal))).as(literal).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "2606:4700::1111", "2002:5db8:d70e::1", "64:ff9b::808:808",
            "::ffff:8.8.8.8"})
    void publicAddressesAreNot(String literal) throws UnknownHostException {
        assertThat(InternalAddresses.isInternal(InetAddress.getByName(literal))).as(literal).isFalse();
    }
}
