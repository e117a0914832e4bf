package io.userservice.rest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The hosted pages' passkey script, read once from the jar. */
final class PasskeyScript {

    static final String NAME = "passkeys.js";
    private static final String RESOURCE = "/io/userservice/rest/assets/" + NAME;

    private PasskeyScript() {
    }

    static String text() {
        return Holder.TEXT;
    }

    private static final class Holder {
        static final String TEXT = read();
    }

    private static String read() {
        try (InputStream in = PasskeyScript.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the passkey script is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the passkey script", e);
        }
    }
}
