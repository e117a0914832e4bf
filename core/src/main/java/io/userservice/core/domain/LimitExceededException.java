package io.userservice.core.domain;

/** A per-user quota of the domain is reached, such as the number of attributes. */
public class LimitExceededException extends UserServiceException {

    private static final long serialVersionUID = 1L;

    public LimitExceededException(String code, String message) {
        super(code, message);
    }
}
