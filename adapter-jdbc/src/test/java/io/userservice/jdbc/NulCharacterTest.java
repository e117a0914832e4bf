package io.userservice.jdbc;

import static io.userservice.core.domain.CodePurpose.CONFIRM_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.userservice.core.port.out.ServiceState;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The domain refuses NUL characters before they reach a store; should one arrive anyway, the
 * embedded database neither fails nor cuts the text short at the NUL.
 */
class NulCharacterTest {

    private final H2Database database = new H2Database();
    private ServiceState stores;
    private final long userId = 42;

    @BeforeEach
    void openStores() {
        stores = database.open().state();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void anAttributeWithANulKeepsEveryCharacter() {
        stores.attributes().put(userId, "key\0part", "before\0after");

        assertThat(stores.attributes().attributesOf(userId)).containsExactly(entry("key\0part", "before\0after"));
        assertThat(stores.attributes().remove(userId, "key")).isFalse();
    }

    @Test
    void lookupsWithANulFindNothing() {
        assertThat(stores.refreshTokens().findByHash("hash\0")).isEmpty();
        assertThat(stores.codes().consume("code\0", CONFIRM_EMAIL, Instant.now())).isEmpty();
        assertThat(stores.attributes().remove(userId, "\0")).isFalse();
    }
}
