package io.userservice.core.domain;

/**
 * Root of every business failure the core reports. Each failure carries a stable machine
 * {@link #code() code} that adapters pass on unchanged (for example as the {@code code} of an
 * HTTP error body); the message is for humans and never contains a secret.
 */
public abstract class UserServiceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    protected UserServiceException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** A stable, lower-case, machine-readable identifier of the failure, e.g. {@code email_taken}. */
    public String code() {
        return code;
    }
}
