package io.userservice.core.domain;

/** The mails the service sends to a user; each carries a single-use code. */
public enum MailKind {
    /** Carries the code that confirms the user's email address. */
    EMAIL_CONFIRMATION,
    /** Carries the code that lets the user choose a new password. */
    PASSWORD_RESET
}
