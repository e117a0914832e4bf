package io.userservice.core.service;

import io.userservice.core.domain.InvalidPasskeyException;
import io.userservice.core.port.out.PasskeyVerifier;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A passkey verifier whose assertions are plain text that says what the authenticator claims and
 * how the signature check ends: {@code challenge|credentialId|userHandle|signCount|verdict}, where
 * the verdict is {@code ok}, {@code bad} (the signature does not verify) or anything else (the
 * counter did not increase). Text with fewer fields cannot be read.
 */
final class ScriptedPasskeyVerifier implements PasskeyVerifier {

    static String assertion(String challenge, String credentialId, String userHandle, long signCount, String verdict) {
        return String.join("|", challenge, credentialId, userHandle, Long.toString(signCount), verdict);
    }

    @Override
    public String rpId() {
        return "login.example.com";
    }

    @Override
    public byte[] registrationChallengeOf(String responseJson) {
        throw new InvalidPasskeyException();
    }

    @Override
    public NewCredential verifyRegistration(String responseJson, byte[] challenge) {
        throw new InvalidPasskeyException();
    }

    @Override
    public AssertionClaim readAssertion(String responseJson) {
        String[] parts = fields(responseJson);
        return new AssertionClaim(parts[1].getBytes(StandardCharsets.UTF_8),
                parts[2].equals("-") ? null : parts[2].getBytes(StandardCharsets.ISO_8859_1),
                Base64.getUrlDecoder().decode(parts[0]));
    }

    @Override
    public long verifyAssertion(String responseJson, byte[] challenge, byte[] credentialRecord, long storedCount) {
        String[] parts = fields(responseJson);
        long count = Long.parseLong(parts[3]);
        return switch (parts[4]) {
            case "ok" -> count;
            case "bad" -> throw new InvalidPasskeyException();
            default -> throw new ClonedAuthenticatorException(storedCount, count);
        };
    }

    private static String[] fields(String text) {
        String[] parts = text == null ? new String[0] : text.split("\\|", -1);
        if (parts.length != 5) {
            throw new InvalidPasskeyException();
        }
        return parts;
    }
}
