package io.userservice.app;

/** A setting is missing or malformed; the message names it and says what is expected. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ConfigException(String message) {
        super(message, null, false, false);
    }
}
