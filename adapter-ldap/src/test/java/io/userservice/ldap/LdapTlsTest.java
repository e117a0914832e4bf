package io.userservice.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.util.ssl.JVMDefaultTrustManager;
import io.userservice.core.contract.UserDirectoryContract;
import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.Email;
import io.userservice.core.port.out.UserDirectory;
import java.time.Clock;
import java.util.Map;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.Test;

/**
 * LDAPS and StartTLS: the directory works over either when the server's certificate is trusted
 * and names the host, and the start is refused, naming the setting, when it is not (a self-signed
 * certificate is not in the JVM's default trust store) or when the server speaks no TLS.
 */
class LdapTlsTest {

    private static final Email ANN = Email.of(UserDirectoryContract.ANN.email());

    private static void assertWorks(ExampleDirectory server, Map<String, String> settings) throws Exception {
        try (AutoCloseable closeable = (AutoCloseable) server.open(settings, Clock.systemUTC())) {
            UserDirectory directory = (UserDirectory) closeable;
            DirectoryUser ann = directory.findByEmail(ANN).orElseThrow();
            assertThat(directory.checkPassword(ann, UserDirectoryContract.ANN.password())).isTrue();
            assertThat(directory.checkPassword(ann, "a wrong password")).isFalse();
        }
    }

    private static void assertRefused(Map<String, String> settings, TrustManager trust, String setting,
                                      String reason) {
        assertThatThrownBy(() -> new LdapDirectoryProvider(trust, Clock.systemUTC()).open(settings))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(setting)
                .hasMessageContaining(reason);
    }

    @Test
    void ldapsWorksWithATrustedCertificate() throws Exception {
        try (ExampleDirectory server = ExampleDirectory.start(ExampleDirectory.Transport.LDAPS)) {
            assertWorks(server, server.settings());
        }
    }

    @Test
    void startTlsWorksWithATrustedCertificate() throws Exception {
        try (ExampleDirectory server = ExampleDirectory.start(ExampleDirectory.Transport.STARTTLS)) {
            assertWorks(server, server.settings());
        }
    }

    @Test
    void anUntrustedCertificateStopsTheStart() {
        try (ExampleDirectory ldaps = ExampleDirectory.start(ExampleDirectory.Transport.LDAPS);
             ExampleDirectory startTls = ExampleDirectory.start(ExampleDirectory.Transport.STARTTLS)) {
            assertRefused(ldaps.settings(), JVMDefaultTrustManager.getInstance(), "USERSVC_LDAP_URL", "ldaps://");
            assertRefused(startTls.settings(), JVMDefaultTrustManager.getInstance(), "USERSVC_LDAP_STARTTLS",
                    "StartTLS");
        }
    }

    @Test
    void aTrustedCertificateForAnotherHostStopsTheStart() {
        try (ExampleDirectory ldaps = ExampleDirectory.start(ExampleDirectory.Transport.LDAPS, "ldap.example.test");
             ExampleDirectory startTls = ExampleDirectory.start(ExampleDirectory.Transport.STARTTLS,
                     "ldap.example.test")) {
            assertRefused(ldaps.settings(), ldaps.trustingItsCertificate(), "USERSVC_LDAP_URL", "localhost");
            assertRefused(startTls.settings(), startTls.trustingItsCertificate(), "USERSVC_LDAP_STARTTLS",
                    "localhost");
        }
    }

    @Test
    void tlsToAServerWithoutTlsStopsTheStart() {
        try (ExampleDirectory plain = ExampleDirectory.start()) {
            Map<String, String> ldaps = plain.settings();
            ldaps.put("USERSVC_LDAP_URL", "ldaps://localhost:" + plain.port());
            ldaps.put("USERSVC_LDAP_CONNECT_TIMEOUT", "PT2S");
            ldaps.put("USERSVC_LDAP_RESPONSE_TIMEOUT", "PT2S");
            assertRefused(ldaps, JVMDefaultTrustManager.getInstance(), "USERSVC_LDAP_URL", "cannot connect");

            Map<String, String> startTls = plain.settings();
            startTls.put("USERSVC_LDAP_STARTTLS", "true");
            assertRefused(startTls, JVMDefaultTrustManager.getInstance(), "USERSVC_LDAP_STARTTLS", "StartTLS");
        }
    }
}
