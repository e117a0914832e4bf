package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private final TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8, 192.0.2.7, fd00::/8");

    @Test
    void anUntrustedPeerIsTheClientWhateverItForwards() {
        assertThat(proxies.clientAddress("203.0.113.5", List.of("198.51.100.1"))).isEqualTo("203.0.113.5");
        assertThat(TrustedProxies.none().clientAddress("10.0.0.1", List.of("198.51.100.1"))).isEqualTo("10.0.0.1");
    }

    @Test
    void aTrustedPeersRightMostUntrustedHopIsTheClient() {
        assertThat(proxies.clientAddress("10.1.2.3", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(proxies.clientAddress("10.1.2.3", List.of("6.6.6.6, 198.51.100.1, 10.9.9.9")))
                .isEqualTo("198.51.100.1");
        assertThat(proxies.clientAddress("192.0.2.7", List.of("6.6.6.6", "198.51.100.2, 192.0.2.7")))
                .isEqualTo("198.51.100.2");
        assertThat(proxies.clientAddress("fd00::1", List.of("2001:db8::5"))).isEqualTo("2001:db8:0:0:0:0:0:5");
    }

    @Test
    void withoutAForwardedHopTheProxyItselfIsTheClient() {
        assertThat(proxies.clientAddress("10.1.2.3", List.of())).isEqualTo("10.1.2.3");
        assertThat(proxies.clientAddress("10.1.2.3", List.of("10.4.4.4"))).isEqualTo("10.4.4.4");
    }

    @Test
    void garbageInTheHeaderStopsTheWalkAtTheLastTrustedHop() {
        assertThat(proxies.clientAddress("10.1.2.3", List.of("198.51.100.1, evil.example.com")))
                .isEqualTo("10.1.2.3");
        assertThat(proxies.clientAddress("10.1.2.3", List.of("1.2.3.4, 999.1.1.1"))).isEqualTo("10.1.2.3");
        assertThat(proxies.clientAddress("10.1.2.3", List.of("' OR 1=1 --"))).isEqualTo("10.1.2.3");
    }

    @Test
    void onlyAddressLiteralsAreRead() {
        assertThat(TrustedProxies.literal("localhost")).isEmpty();
        assertThat(TrustedProxies.literal("256.1.1.1")).isEmpty();
        assertThat(TrustedProxies.literal("[::1]")).isPresent();
        assertThat(TrustedProxies.literal("127.0.0.1")).isPresent();
    }
}
