package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.User;
import io.userservice.core.domain.UserProfile;
import io.userservice.core.port.in.SetAttributeUseCase;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A profile is the user with their attributes. */
class GetProfileServiceTest {

    private final CoreFixture fixture = new CoreFixture();

    @Test
    void aProfileHoldsTheUserAndTheirAttributes() {
        User ann = fixture.aConfirmedUser("ann@example.com");
        fixture.core.setAttribute().set(new SetAttributeUseCase.Command(ann.id(), "team", "blue"));

        UserProfile profile = fixture.core.getProfile().profile(ann.id());

        assertThat(profile.user().id()).isEqualTo(ann.id());
        assertThat(profile.attributes()).isEqualTo(Map.of("team", "blue"));
    }
}
