package io.userservice.core.domain;

/** The mails the service sends to a user: some carry a single-use code, notices carry none. */
public enum MailKind {
    /** Carries the code that confirms the user's email address. */
    EMAIL_CONFIRMATION,
    /** Carries the code that lets the user choose a new password. */
    PASSWORD_RESET,
    /** Carries the code that confirms a new email address; sent to the new address. */
    EMAIL_CHANGE,
    /** Says the password was changed; no code. */
    PASSWORD_CHANGED_NOTICE,
    /** Says the account's email was changed; sent to the old address, no code. */
    EMAIL_CHANGED_NOTICE,
    /** Says two-factor authentication was turned on; no code. */
    MFA_ENABLED_NOTICE,
    /** Says two-factor authentication was turned off by the user; no code. */
    MFA_DISABLED_NOTICE,
    /** Says an administrator turned two-factor authentication off; no code. */
    MFA_RESET_NOTICE,
    /** Says a recovery code was used to sign in; no code. */
    RECOVERY_CODE_USED_NOTICE;

    /** Whether mails of this kind carry a code (and a link to the page that uses it). */
    public boolean carriesCode() {
        return this == EMAIL_CONFIRMATION || this == PASSWORD_RESET || this == EMAIL_CHANGE;
    }
}
