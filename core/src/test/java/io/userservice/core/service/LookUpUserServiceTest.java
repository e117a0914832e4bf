package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.User;
import org.junit.jupiter.api.Test;

/** Looking a user up by email finds the user registered under it, and no one under an unknown email. */
class LookUpUserServiceTest {

    private final CoreFixture fixture = new CoreFixture();

    @Test
    void aRegisteredEmailFindsItsUserAndAnUnknownOneNoOne() {
        User ann = fixture.aConfirmedUser("ann@example.com");

        assertThat(fixture.core.lookUpUser().byEmail("ann@example.com")).map(User::id).contains(ann.id());
        assertThat(fixture.core.lookUpUser().byEmail("nobody@example.com")).isEmpty();
    }
}
