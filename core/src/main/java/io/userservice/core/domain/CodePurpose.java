package io.userservice.core.domain;

/** What a single-use code may be used for; a code of one purpose never works for another. */
public enum CodePurpose {
    CONFIRM_EMAIL,
    RESET_PASSWORD,
    /** Confirms a new email address, see {@link EmailChange}. */
    CHANGE_EMAIL
}
