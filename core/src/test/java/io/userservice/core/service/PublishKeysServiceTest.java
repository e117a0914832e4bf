package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.CoreFixture;
import org.junit.jupiter.api.Test;

/** The published key set holds the public half of the active signing key, and never a private part. */
class PublishKeysServiceTest {

    private final CoreFixture fixture = new CoreFixture();

    @Test
    void theKeySetNamesTheActiveKeyWithoutItsPrivatePart() {
        String kid = fixture.core.listSigningKeys().list().get(0).keyId();

        String jwks = fixture.core.publishKeys().publicKeySetJson();

        assertThat(jwks).startsWith("{").contains("\"keys\"", kid).doesNotContain("\"d\"");
    }
}
