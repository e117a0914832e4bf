package io.userservice.core.domain;

/**
 * What an {@link AuditEvent} records. Each action is stored and logged as its {@link #storedForm()},
 * the text the audit table, {@code GET /admin/audit} and the account export have always shown;
 * that text never changes once shipped, since readers of the trail filter on it.
 */
public enum AuditAction {

    SIGN_IN("sign-in"),
    REGISTRATION("registration"),
    EMAIL_CONFIRMATION("email confirmation"),
    RESET_REQUESTED("password reset requested"),
    RESET_COMPLETED("password reset completed"),
    REFRESH_REUSE("refresh token reuse"),
    IMPERSONATION("impersonation"),
    ROLE_GRANTED("role granted"),
    ROLE_REVOKED("role revoked"),
    KEY_ROTATION("key rotation"),
    USER_DEACTIVATED("user deactivated"),
    USER_ACTIVATED("user activated"),
    EXISTS_CHECK("exists check"),
    PORTAL_TOKEN_MINTED("portal token minted"),
    PORTAL_TOKEN_REDEEMED("portal token redeemed"),
    LOGOUT("logout"),
    KEY_REVOCATION("key revocation"),
    OIDC_AUTHORIZATION("oidc authorization"),
    OIDC_CODE_REDEEMED("oidc code redeemed"),
    OIDC_CODE_REPLAY("oidc code replay"),
    OIDC_CLIENT_AUTHENTICATION("oidc client authentication"),
    OIDC_LOGOUT("oidc logout"),
    OIDC_REVOCATION("oidc revocation"),
    OIDC_CLIENT_CHANGED("oidc client changed"),
    PASSWORD_CHANGED("password changed"),
    EMAIL_CHANGE_REQUESTED("email change requested"),
    EMAIL_CHANGED("email changed"),
    SESSION_ENDED("session ended"),
    SESSIONS_ENDED("sessions ended"),
    ACCOUNT_DELETED("account deleted"),
    USERS_SEARCHED("users searched"),
    USER_UPDATED("user updated"),
    WEBHOOK_CHANGED("webhook changed"),
    MFA_ENROLMENT("mfa enrolment"),
    MFA_ENABLED("mfa enabled"),
    MFA_DISABLED("mfa disabled"),
    MFA_RESET("mfa reset"),
    RECOVERY_CODES_RENEWED("recovery codes renewed"),
    RECOVERY_CODE_USED("recovery code used"),
    PASSKEY_REGISTERED("passkey registered"),
    PASSKEY_RENAMED("passkey renamed"),
    PASSKEY_DELETED("passkey deleted"),
    /** A passkey assertion whose signature counter went back: the credential was copied. */
    PASSKEY_CLONED("passkey cloned");

    private final String storedForm;

    AuditAction(String storedForm) {
        this.storedForm = storedForm;
    }

    /** The text kept in the trail and written to the log. */
    public String storedForm() {
        return storedForm;
    }

    @Override
    public String toString() {
        return storedForm;
    }
}
