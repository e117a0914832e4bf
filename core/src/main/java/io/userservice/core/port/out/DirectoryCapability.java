package io.userservice.core.port.out;

/**
 * What a user directory can do beyond finding its users and checking their passwords. The core
 * answers an operation the directory cannot do with {@code 403 registration_disabled} (for
 * {@link #REGISTER}) or {@code 403 managed_by_directory} (for the others).
 */
public enum DirectoryCapability {
    /** Store new users (and mark their email confirmed). */
    REGISTER,
    /** Replace a user's password on their own request (they know the current one). */
    CHANGE_PASSWORD,
    /** Replace a forgotten password, through a code mailed to the user. */
    RESET_PASSWORD,
    /** Replace a user's first and last name. */
    UPDATE_NAMES,
    /** Remove a user. */
    DELETE,
    /** Replace a user's email address (after the new one was confirmed). */
    CHANGE_EMAIL,
    /** Find users by the start of their email or name, page by page, for administrators. */
    SEARCH
}
