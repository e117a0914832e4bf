package io.userservice.core.domain;

/** Input that is well-formed but breaks a rule of the domain (a bad email, a short password). */
public class InvalidInputException extends UserServiceException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidInputException(String code, String field, String message) {
        super(code, message);
        this.field = field;
    }

    /** The name of the offending input field, as the caller named it. */
    public String field() {
        return field;
    }
}
