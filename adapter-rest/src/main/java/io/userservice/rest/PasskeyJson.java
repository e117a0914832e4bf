package io.userservice.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import io.userservice.core.domain.Passkey;
import io.userservice.core.domain.PasskeyCreationOptions;
import io.userservice.core.domain.PasskeyRequestOptions;
import java.util.List;

/**
 * The passkey routes' bodies. The options are WebAuthn's JSON forms
 * ({@code PublicKeyCredentialCreationOptionsJSON}, {@code PublicKeyCredentialRequestOptionsJSON}),
 * which a browser turns into the arguments of {@code navigator.credentials} with
 * {@code PublicKeyCredential.parseCreationOptionsFromJSON} and its request sibling.
 */
final class PasskeyJson {

    /** ES256, EdDSA, RS256: what authenticators make and the verifier reads, in order of preference. */
    private static final List<Parameter> ALGORITHMS = List.of(new Parameter("public-key", -7),
            new Parameter("public-key", -8), new Parameter("public-key", -257));

    private PasskeyJson() {
    }

    /** {@code password}: optional when the bearer token comes from a sign-in of the last five minutes. */
    record OptionsRequest(String password) {
        @Override
        public String toString() {
            return "OptionsRequest[***]";
        }
    }

    /** {@code credential}: the {@code PublicKeyCredential} as JSON; {@code name}: optional. */
    record Registration(JsonNode credential, String name) {
    }

    /** {@code email}: optional, and never changes the answer. */
    record SignInOptionsRequest(String email) {
    }

    /** {@code credential}: the {@code PublicKeyCredential} of {@code navigator.credentials.get}, as JSON. */
    record Assertion(JsonNode credential) {
    }

    record Rename(String name) {
    }

    record Rp(String id, String name) {
    }

    record UserEntity(String id, String name, String displayName) {
    }

    record Parameter(String type, int alg) {
    }

    record Descriptor(String type, String id) {
    }

    record Selection(String residentKey, boolean requireResidentKey, String userVerification) {
    }

    @JsonPropertyOrder({"rp", "user", "challenge", "pubKeyCredParams", "timeout", "excludeCredentials",
            "authenticatorSelection", "attestation"})
    record CreationOptions(Rp rp, UserEntity user, String challenge, List<Parameter> pubKeyCredParams, long timeout,
                           List<Descriptor> excludeCredentials, Selection authenticatorSelection, String attestation) {
        static CreationOptions of(PasskeyCreationOptions options) {
            return new CreationOptions(new Rp(options.rpId(), options.rpName()),
                    new UserEntity(options.userHandle(), options.userName(), options.userDisplayName()),
                    options.challenge(), ALGORITHMS, options.timeout().toMillis(),
                    options.excludeCredentialIds().stream().map(id -> new Descriptor("public-key", id)).toList(),
                    new Selection("required", true, "required"), "none");
        }
    }

    @JsonPropertyOrder({"challenge", "rpId", "timeout", "userVerification", "allowCredentials"})
    record RequestOptions(String challenge, String rpId, long timeout, String userVerification,
                          List<Descriptor> allowCredentials) {
        static RequestOptions of(PasskeyRequestOptions options) {
            return new RequestOptions(options.challenge(), options.rpId(), options.timeout().toMillis(), "required",
                    options.allowCredentialIds().stream().map(id -> new Descriptor("public-key", id)).toList());
        }
    }

    /** A passkey as its owner sees it: never its key or credential id. */
    @JsonPropertyOrder({"id", "name", "createdAt", "lastUsedAt"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record PasskeyView(String id, String name, String createdAt, String lastUsedAt) {
        static PasskeyView of(Passkey passkey) {
            return new PasskeyView(passkey.id(), passkey.name(), passkey.createdAt().toString(),
                    passkey.lastUsedAt() == null ? null : passkey.lastUsedAt().toString());
        }
    }

    @JsonPropertyOrder({"status", "passkey"})
    record One(String status, PasskeyView passkey) {
        static One of(Passkey passkey) {
            return new One("success", PasskeyView.of(passkey));
        }
    }

    @JsonPropertyOrder({"status", "passkeys"})
    record Many(String status, List<PasskeyView> passkeys) {
        static Many of(List<Passkey> passkeys) {
            return new Many("success", passkeys.stream().map(PasskeyView::of).toList());
        }
    }

    /** The credential as the text the verifier reads; a missing one reads as nothing. */
    static String text(JsonNode credential) {
        return credential == null || !credential.isObject() ? null : credential.toString();
    }
}
