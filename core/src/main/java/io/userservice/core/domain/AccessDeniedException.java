package io.userservice.core.domain;

/** The caller is known but may not do this. */
public class AccessDeniedException extends UserServiceException {

    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String message) {
        super("forbidden", message);
    }
}
