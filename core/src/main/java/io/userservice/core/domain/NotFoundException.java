package io.userservice.core.domain;

/** Something the caller named does not exist (an attribute key, a user id). */
public class NotFoundException extends UserServiceException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String code, String message) {
        super(code, message);
    }
}
