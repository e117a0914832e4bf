package io.userservice.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.contract.UserDirectoryContract;
import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.Email;
import io.userservice.core.port.StoreUnavailableException;
import io.userservice.core.port.out.UserDirectory;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server going down makes every call that needs it a {@link StoreUnavailableException} (the
 * API's 503), never a wrong answer; when it is back on the same port the same directory works
 * again, without being reopened.
 */
class LdapOutageTest {

    private static final Email ANN = Email.of(UserDirectoryContract.ANN.email());
    private static final String ANN_PASSWORD = UserDirectoryContract.ANN.password();

    private final ExampleDirectory server = ExampleDirectory.start();
    private final MovableClock clock = new MovableClock();
    private UserDirectory directory;

    @AfterEach
    void close() throws Exception {
        ((AutoCloseable) directory).close();
        server.close();
    }

    private UserDirectory open(Map<String, String> extra) {
        Map<String, String> settings = server.settings();
        settings.put("USERSVC_LDAP_CONNECT_TIMEOUT", "PT1S");
        settings.put("USERSVC_LDAP_RESPONSE_TIMEOUT", "PT2S");
        settings.putAll(extra);
        directory = server.open(settings, clock);
        return directory;
    }

    @Test
    void anOutageIsStoreUnavailableAndTheDirectoryRecoversWhenTheServerIsBack() {
        open(Map.of("USERSVC_LDAP_CACHE_TTL", "PT0S"));
        DirectoryUser ann = directory.findByEmail(ANN).orElseThrow();
        assertThat(directory.checkPassword(ann, ANN_PASSWORD)).isTrue();

        server.stop();

        assertThatThrownBy(() -> directory.findByEmail(ANN)).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> directory.findByKey(ann.key())).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> directory.checkPassword(ann, ANN_PASSWORD))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> directory.checkPassword(ann, "a wrong password"))
                .as("not a wrong password: unknown").isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> directory.checkNoOnesPassword(ANN_PASSWORD))
                .isInstanceOf(StoreUnavailableException.class);

        server.restart();

        assertThat(directory.findByEmail(ANN)).map(DirectoryUser::key).contains(ann.key());
        assertThat(directory.findByKey(ann.key())).isPresent();
        assertThat(directory.checkPassword(ann, ANN_PASSWORD)).isTrue();
        assertThat(directory.checkPassword(ann, "a wrong password")).isFalse();
    }

    @Test
    void connectionsBrokenByARestartAreReplacedWithoutAFailedCall() {
        open(Map.of("USERSVC_LDAP_CACHE_TTL", "PT0S"));
        DirectoryUser ann = directory.findByEmail(ANN).orElseThrow();
        assertThat(directory.checkPassword(ann, ANN_PASSWORD)).isTrue();

        server.stop();
        server.restart();

        assertThat(directory.findByEmail(ANN)).isPresent();
        assertThat(directory.checkPassword(ann, ANN_PASSWORD)).isTrue();
    }

    @Test
    void aUserLookedUpByKeyMomentsAgoIsStillKnownDuringAnOutage() {
        open(Map.of());
        DirectoryUser ann = directory.findByEmail(ANN).orElseThrow();

        server.stop();

        assertThat(directory.findByKey(ann.key())).as("from the cache").isPresent();
        clock.advance(LdapSettings.DEFAULT_CACHE_TTL);
        assertThatThrownBy(() -> directory.findByKey(ann.key())).isInstanceOf(StoreUnavailableException.class);
    }
}
