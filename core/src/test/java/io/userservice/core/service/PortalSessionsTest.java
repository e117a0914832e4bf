package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A portal session secret is worth looking up only when present, non-empty and at most 256 characters. */
class PortalSessionsTest {

    @Test
    void aSecretOfAtMost256CharactersIsPlausible() {
        assertThat(PortalSessions.isPlausible("s")).isTrue();
        assertThat(PortalSessions.isPlausible("s".repeat(256))).isTrue();
    }

    @Test
    void aMissingEmptyOrLongerSecretIsNot() {
        assertThat(PortalSessions.isPlausible(null)).isFalse();
        assertThat(PortalSessions.isPlausible("")).isFalse();
        assertThat(PortalSessions.isPlausible("s".repeat(257))).isFalse();
    }
}
