package io.userservice.core.domain;

/**
 * The user directory cannot do this (see its capabilities): registration is disabled, or names,
 * passwords or accounts are managed in the directory itself.
 */
public class ManagedByDirectoryException extends UserServiceException {

    private static final long serialVersionUID = 1L;

    private ManagedByDirectoryException(String code, String message) {
        super(code, message);
    }

    /** {@code registration_disabled}: the directory does not take new users. */
    public static ManagedByDirectoryException registrationDisabled() {
        return new ManagedByDirectoryException("registration_disabled",
                "Registration is disabled: accounts are created in the user directory.");
    }

    /** {@code managed_by_directory}: this is changed in the directory, not here. */
    public static ManagedByDirectoryException managedByDirectory(String what) {
        return new ManagedByDirectoryException("managed_by_directory",
                "The " + what + " is managed in the user directory and cannot be changed here.");
    }
}
