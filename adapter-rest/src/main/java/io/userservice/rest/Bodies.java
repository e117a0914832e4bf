package io.userservice.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Request and response bodies of the native API, with the key names of its API document. */
final class Bodies {

    private Bodies() {
    }

    record Register(String email, String password, String firstname, String lastname, String language) {
    }

    record Confirm(String code) {
    }

    /** {@code deviceToken}: optional, the one this device received at its last sign-in. */
    record Login(String email, String password, String deviceToken) {
    }

    record RefreshToken(String refreshToken) {
    }

    record ResetRequest(String email) {
    }

    record ResetComplete(String code, String password) {
    }

    record Name(String firstname, String lastname) {
    }

    record PasswordChange(String currentPassword, String newPassword) {
        @Override
        public String toString() {
            return "PasswordChange[***]";
        }
    }

    record EmailChange(String newEmail, String password) {
        @Override
        public String toString() {
            return "EmailChange[***]";
        }
    }

    record Password(String password) {
        @Override
        public String toString() {
            return "Password[***]";
        }
    }

    record Attribute(String attributeKey, String attributeText) {
    }

    /** The answer to a reset request, the same for every address. */
    record Accepted(String status, String message) {
    }

    /** The answer of a ready store. */
    record Ready(String status) {
    }

    @JsonPropertyOrder({"status", "user"})
    record UserResult(String status, UserJson user) {
        static UserResult success(UserJson user) {
            return new UserResult("success", user);
        }
    }

    @JsonPropertyOrder({"status", "user", "accessToken", "refreshToken", "tokenType", "expiresIn", "deviceToken"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TokenResult(String status, UserJson user, String accessToken, String refreshToken, String tokenType,
                       long expiresIn, String deviceToken) {
    }
}
