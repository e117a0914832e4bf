package io.userservice.core.domain;

import java.time.Instant;

/** A stored single-use code (email confirmation, password reset). Only its hash is kept. */
public record SingleUseCode(String codeHash, CodePurpose purpose, long userId, Instant createdAt,
                            Instant expiresAt) {
}
