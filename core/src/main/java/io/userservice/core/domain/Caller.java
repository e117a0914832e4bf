package io.userservice.core.domain;

/**
 * Who asks for an act: a signed-in user, possibly through a token another user minted on their
 * behalf (the actor, RFC 8693 {@code act}), or the operator at the command line (neither).
 *
 * @param userId  the user the credential speaks for, or {@code null} for the operator
 * @param actorId the user who minted the credential on the user's behalf, or {@code null}
 */
public record Caller(Long userId, Long actorId) {

    public Caller {
        if (userId == null && actorId != null) {
            throw new IllegalArgumentException("an actor acts on behalf of a user");
        }
    }

    /** The operator at the command line, who is trusted with every administrative act. */
    public static Caller operator() {
        return new Caller(null, null);
    }

    /** A user acting with their own credential. */
    public static Caller user(long userId) {
        return new Caller(userId, null);
    }

    /** Whoever holds this verified token. */
    public static Caller of(AccessTokenClaims claims) {
        return new Caller(claims.userId(), claims.actorId());
    }

    public boolean isOperator() {
        return userId == null;
    }

    /** Whether the credential was minted on the user's behalf by someone else. */
    public boolean isImpersonation() {
        return actorId != null;
    }

    /**
     * Who the audit trail names as acting: the real actor. The operator has no user id and is
     * recorded without an actor, as the trail has always recorded them; a row from the command line
     * also has no request id.
     */
    public Actor auditActor() {
        return Actor.userOrUnknown(realActor());
    }

    /** The person really acting, as the audit trail names them: the actor when there is one. */
    public Long realActor() {
        return actorId != null ? actorId : userId;
    }
}
