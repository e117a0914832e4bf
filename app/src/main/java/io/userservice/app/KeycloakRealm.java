package io.userservice.app;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.userservice.core.crypto.ImportedPasswordHashes;
import io.userservice.core.domain.Role;
import io.userservice.core.port.in.ImportUsersUseCase.ImportedUser;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Reads the users of a Keycloak realm export ({@code kc.sh export --users realm_file}, or one of
 * the {@code …-users-N.json} files of {@code --users different_files}) with Jackson's streaming
 * parser: the file is never held whole, only one user at a time.
 *
 * <p>Per user: the email (the username when there is no email and it is one), firstName,
 * lastName, emailVerified, enabled (a disabled user comes in deactivated), the attribute
 * {@code locale} as language, the other attributes (a single value as it is, several as a JSON
 * array of texts), realm roles {@code admin} and {@code user-edit} (others are Keycloak's own and
 * dropped), and the first credential of type {@code password}: PBKDF2 (SHA-1, SHA-256, SHA-512)
 * or Argon2, turned into the self-describing forms of {@link ImportedPasswordHashes}. A user with
 * no password credential is rejected: there is nothing they could sign in with.
 */
final class KeycloakRealm {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> OUR_ROLES = Set.of(Role.ADMIN.name(), Role.USER_EDIT.name());

    private KeycloakRealm() {
    }

    /**
     * Hands each user of the export to {@code take}, as "user N (username)" and a supplier that
     * throws {@link IllegalArgumentException} naming what is wrong with them.
     *
     * @return false when the file itself is not a realm export (reported on {@code err})
     */
    static boolean read(InputStream input, BiConsumer<String, Supplier<ImportedUser>> take, PrintWriter err)
            throws IOException {
        long index = 0;
        try (JsonParser parser = JSON.getFactory().createParser(input)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                err.println("file: not a Keycloak realm export (no JSON object)");
                return false;
            }
            boolean sawUsers = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!"users".equals(field)) {
                    parser.skipChildren();
                    continue;
                }
                if (value != JsonToken.START_ARRAY) {
                    err.println("file: users is not a list");
                    return false;
                }
                sawUsers = true;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    JsonNode user = JSON.readTree(parser);
                    index++;
                    String where = "user " + index + describe(user);
                    take.accept(where, () -> user(user));
                }
            }
            if (!sawUsers) {
                err.println("file: a Keycloak realm export without users (export with --users realm_file)");
                return false;
            }
            return true;
        } catch (JsonProcessingException e) {
            err.println("file: not valid JSON at user " + (index + 1)
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")") + "; stopped");
            return false;
        }
    }

    private static String describe(JsonNode user) {
        JsonNode username = user.path("username");
        return username.isTextual() ? " (" + Cli.oneLine(username.asText()) + ")" : "";
    }

    static ImportedUser user(JsonNode user) {
        if (!user.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String email = text(user, "email");
        if (email == null) {
            String username = text(user, "username");
            email = username != null && username.contains("@") ? username : null;
        }
        if (email == null) {
            throw new IllegalArgumentException("has no email");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        String language = null;
        JsonNode given = user.path("attributes");
        if (given.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = given.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String flat = flatten(field.getKey(), field.getValue());
                if (flat == null) {
                    continue;
                }
                if ("locale".equals(field.getKey()) && field.getValue().size() <= 1) {
                    language = flat;
                } else {
                    attributes.put(field.getKey(), flat);
                }
            }
        } else if (!given.isMissingNode() && !given.isNull()) {
            throw new IllegalArgumentException("attributes must be an object");
        }
        List<String> roles = new ArrayList<>();
        user.path("realmRoles").forEach(role -> {
            if (role.isTextual() && OUR_ROLES.contains(role.asText())) {
                roles.add(role.asText());
            }
        });
        return new ImportedUser(email, passwordHash(user), text(user, "firstName"), text(user, "lastName"),
                language, user.path("emailVerified").asBoolean(false), attributes, roles,
                !user.path("enabled").asBoolean(true));
    }

    /** One value as it is; several as a JSON array of texts; none as no attribute. */
    private static String flatten(String key, JsonNode values) {
        if (values.isTextual()) {
            return values.asText();
        }
        if (!values.isArray()) {
            throw new IllegalArgumentException("attribute " + key + " must be a list of texts");
        }
        for (JsonNode value : values) {
            if (!value.isTextual()) {
                throw new IllegalArgumentException("attribute " + key + " must be a list of texts");
            }
        }
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() == 1) {
            return values.get(0).asText();
        }
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String passwordHash(JsonNode user) {
        for (JsonNode credential : user.path("credentials")) {
            if (!"password".equals(credential.path("type").asText())) {
                continue;
            }
            JsonNode data = embedded(credential, "credentialData");
            JsonNode secret = embedded(credential, "secretData");
            String algorithm = data.path("algorithm").asText("");
            int iterations = data.path("hashIterations").asInt(0);
            String salt = secret.path("salt").asText("");
            String value = secret.path("value").asText("");
            if ("argon2".equals(algorithm.toLowerCase(Locale.ROOT))) {
                return argon2(data.path("additionalParameters"), iterations, salt, value);
            }
            return ImportedPasswordHashes.fromKeycloak(algorithm, iterations, salt, value);
        }
        throw new IllegalArgumentException("has no password credential; nothing to sign in with");
    }

    /** Keycloak keeps credentialData and secretData as JSON texts inside the JSON. */
    private static JsonNode embedded(JsonNode credential, String field) {
        JsonNode text = credential.path(field);
        if (!text.isTextual()) {
            throw new IllegalArgumentException("password credential has no " + field);
        }
        try {
            JsonNode parsed = JSON.readTree(text.asText());
            if (parsed == null || !parsed.isObject()) {
                throw new IllegalArgumentException("password credential " + field + " is not a JSON object");
            }
            return parsed;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("password credential " + field + " is not JSON");
        }
    }

    /** Keycloak's Argon2 provider: type, version, memory (KiB), parallelism as one-element lists. */
    private static String argon2(JsonNode parameters, int iterations, String salt, String value) {
        String type = single(parameters, "type", "id");
        String version = switch (single(parameters, "version", "1.3")) {
            case "1.3" -> "19";
            case "1.0" -> "16";
            default -> throw new IllegalArgumentException("argon2 version is not 1.0 or 1.3");
        };
        String hash = "$argon2" + type + "$v=" + version + "$m=" + single(parameters, "memory", "") + ",t="
                + iterations + ",p=" + single(parameters, "parallelism", "1") + "$" + unpadded(salt) + "$"
                + unpadded(value);
        if (!ImportedPasswordHashes.isWellFormed(hash)) {
            throw new IllegalArgumentException("argon2 password credential has unusable parameters");
        }
        return hash;
    }

    private static String single(JsonNode parameters, String name, String otherwise) {
        JsonNode value = parameters.path(name);
        if (value instanceof ArrayNode list && list.size() == 1) {
            value = list.get(0);
        }
        return value.isTextual() ? value.asText() : otherwise;
    }

    private static String unpadded(String base64) {
        int end = base64.length();
        while (end > 0 && base64.charAt(end - 1) == '=') {
            end--;
        }
        return base64.substring(0, end);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + " must be text");
        }
        return value.asText();
    }
}
