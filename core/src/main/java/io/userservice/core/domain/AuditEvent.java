package io.userservice.core.domain;

import java.time.Instant;

/**
 * A security-relevant event: what happened, who did it (the actor), to whom (the subject), from
 * which client address, and how it ended. Never holds a secret.
 *
 * @param actorId   the acting user, or null when unknown
 * @param subjectId the user acted upon, or null
 * @param outcome   {@code success}, {@code denied} or {@code throttled}
 * @param detail    a short, secret-free description, or null
 * @param requestId the id of the HTTP request that caused it ({@code X-Request-Id}), or null
 */
public record AuditEvent(Instant at, String action, Long actorId, Long subjectId, String clientAddress,
                         String outcome, String detail, String requestId) {

    /** An event outside any request (the command line, the background work). */
    public AuditEvent(Instant at, String action, Long actorId, Long subjectId, String clientAddress,
                      String outcome, String detail) {
        this(at, action, actorId, subjectId, clientAddress, outcome, detail, null);
    }

    public static final String SUCCESS = "success";
    public static final String DENIED = "denied";
    public static final String THROTTLED = "throttled";

    public static final String SIGN_IN = "sign-in";
    public static final String REGISTRATION = "registration";
    public static final String EMAIL_CONFIRMATION = "email confirmation";
    public static final String RESET_REQUESTED = "password reset requested";
    public static final String RESET_COMPLETED = "password reset completed";
    public static final String REFRESH_REUSE = "refresh token reuse";
    public static final String IMPERSONATION = "impersonation";
    public static final String ROLE_GRANTED = "role granted";
    public static final String ROLE_REVOKED = "role revoked";
    public static final String KEY_ROTATION = "key rotation";
    public static final String USER_DEACTIVATED = "user deactivated";
    public static final String USER_ACTIVATED = "user activated";
    public static final String EXISTS_CHECK = "exists check";
    public static final String PORTAL_TOKEN_MINTED = "portal token minted";
    public static final String PORTAL_TOKEN_REDEEMED = "portal token redeemed";
    public static final String LOGOUT = "logout";
    public static final String KEY_REVOCATION = "key revocation";
    public static final String OIDC_AUTHORIZATION = "oidc authorization";
    public static final String OIDC_CODE_REDEEMED = "oidc code redeemed";
    public static final String OIDC_CODE_REPLAY = "oidc code replay";
    public static final String OIDC_CLIENT_AUTHENTICATION = "oidc client authentication";
    public static final String OIDC_LOGOUT = "oidc logout";
    public static final String OIDC_REVOCATION = "oidc revocation";
    public static final String OIDC_CLIENT_CHANGED = "oidc client changed";
    public static final String PASSWORD_CHANGED = "password changed";
    public static final String EMAIL_CHANGE_REQUESTED = "email change requested";
    public static final String EMAIL_CHANGED = "email changed";
    public static final String SESSION_ENDED = "session ended";
    public static final String SESSIONS_ENDED = "sessions ended";
    public static final String ACCOUNT_DELETED = "account deleted";
    public static final String USERS_SEARCHED = "users searched";
    public static final String USER_UPDATED = "user updated";
    public static final String WEBHOOK_CHANGED = "webhook changed";
    public static final String MFA_ENROLMENT = "mfa enrolment";
    public static final String MFA_ENABLED = "mfa enabled";
    public static final String MFA_DISABLED = "mfa disabled";
    public static final String MFA_RESET = "mfa reset";
    public static final String RECOVERY_CODES_RENEWED = "recovery codes renewed";
    public static final String RECOVERY_CODE_USED = "recovery code used";
    public static final String PASSKEY_REGISTERED = "passkey registered";
    public static final String PASSKEY_RENAMED = "passkey renamed";
    public static final String PASSKEY_DELETED = "passkey deleted";
    /** A passkey assertion whose signature counter went back: the credential was copied. */
    public static final String PASSKEY_CLONED = "passkey cloned";
}
