package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.userservice.core.domain.MailKind;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistrationTest {

    private final RestFixture api = new RestFixture();

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void registersAnUnconfirmedUserWithTheSeedShape() {
        RestFixture.Reply reply = api.post("/users", Map.of("email", "  New.User@Example.COM ", "password", "long enough"));

        assertThat(reply.status()).isEqualTo(201);
        JsonNode json = reply.json();
        assertThat(json.path("status").asText()).isEqualTo("success");
        JsonNode user = json.path("user");
        assertThat(user.path("id").isNumber()).isTrue();
        assertThat(user.path("email").asText()).isEqualTo("new.user@example.com");
        assertThat(user.path("firstname").isNull()).isTrue();
        assertThat(user.path("lastname").isNull()).isTrue();
        assertThat(user.path("language").asText()).isEqualTo("en");
        assertThat(user.path("permissionLevel").asInt()).isZero();
        assertThat(user.path("confirmed").asBoolean()).isFalse();
        assertThat(user.has("attributes")).isFalse();
        assertThat(user.has("password")).isFalse();
        assertThat(user.has("passwordHash")).isFalse();
    }

    @Test
    void theSameEmailInAnotherCaseIsTaken() {
        api.post("/users", Map.of("email", "taken@example.com", "password", "long enough"));

        RestFixture.Reply reply = api.post("/users", Map.of("email", "TAKEN@example.com", "password", "other password"));

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.json().path("status").asText()).isEqualTo("error");
        assertThat(reply.errorCode()).isEqualTo("email_taken");
    }

    @Test
    void refusesInvalidInputWith422NamingTheField() {
        RestFixture.Reply badEmail = api.post("/users", Map.of("email", "not-an-email", "password", "long enough"));
        RestFixture.Reply shortPassword = api.post("/users", Map.of("email", "short@example.com", "password", "1234567"));
        RestFixture.Reply nul = api.post("/users", Map.of("email", "nul@example.com", "password", "long\u0000enough"));
        RestFixture.Reply noPassword = api.post("/users", Map.of("email", "nopass@example.com"));

        assertThat(badEmail.status()).isEqualTo(422);
        assertThat(badEmail.errorCode()).isEqualTo("invalid_email");
        assertThat(badEmail.json().path("error").path("field").asText()).isEqualTo("email");
        assertThat(shortPassword.status()).isEqualTo(422);
        assertThat(shortPassword.errorCode()).isEqualTo("password_too_short");
        assertThat(nul.status()).isEqualTo(422);
        assertThat(nul.errorCode()).isEqualTo("invalid_password");
        assertThat(noPassword.status()).isEqualTo(422);
        assertThat(noPassword.errorCode()).isEqualTo("password_required");
        assertThat(api.get("/users").status()).isEqualTo(405);
    }

    @Test
    void ignoresFieldsAClientMayNotSet() {
        RestFixture.Reply reply = api.post("/users", Map.of("email", "sneaky@example.com", "password", "long enough",
                "confirmed", true, "permissionLevel", 99, "id", 4242, "roles", new String[] {"admin"}));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().path("user").path("confirmed").asBoolean()).isFalse();
        assertThat(reply.json().path("user").path("permissionLevel").asInt()).isZero();
        assertThat(reply.json().path("user").path("id").asLong()).isNotEqualTo(4242);
    }

    @Test
    void keepsNamesAndLanguageGivenAtRegistration() {
        RestFixture.Reply reply = api.post("/users", Map.of("email", "obrien@example.com", "password", "long enough",
                "firstname", "Seán", "lastname", "O'Brien", "language", "pt-br"));

        JsonNode user = reply.json().path("user");
        assertThat(user.path("firstname").asText()).isEqualTo("Seán");
        assertThat(user.path("lastname").asText()).isEqualTo("O'Brien");
        assertThat(user.path("language").asText()).isEqualTo("pt-BR");
    }

    @Test
    void anUnconfirmedUserCannotSignInUntilTheCodeIsUsedOnce() {
        api.post("/users", Map.of("email", "confirm.me@example.com", "password", "long enough"));
        Map<String, String> credentials = Map.of("email", "confirm.me@example.com", "password", "long enough");

        RestFixture.Reply before = api.post("/auth/login", credentials);
        String code = api.lastCode(MailKind.EMAIL_CONFIRMATION, "confirm.me@example.com").orElseThrow();
        RestFixture.Reply confirmed = api.post("/users/confirm", Map.of("code", code));
        RestFixture.Reply again = api.post("/users/confirm", Map.of("code", code));
        RestFixture.Reply after = api.post("/auth/login", credentials);

        assertThat(before.status()).isEqualTo(403);
        assertThat(before.errorCode()).isEqualTo("email_not_confirmed");
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.json().path("user").path("confirmed").asBoolean()).isTrue();
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.errorCode()).isEqualTo("invalid_code");
        assertThat(after.status()).isEqualTo(200);
    }

    @Test
    void aWrongCodeIsRefused() {
        assertThat(api.post("/users/confirm", Map.of("code", "made-up")).errorCode()).isEqualTo("invalid_code");
        assertThat(api.post("/users/confirm", Map.of()).errorCode()).isEqualTo("code_required");
    }

    @Test
    void aCommonPasswordIsRefusedWhateverItsCaseAndNoUserIsCreated() {
        for (String common : new String[] {"password1", "PASSWORD1", "Iloveyou1", "qwertyuiop"}) {
            RestFixture.Reply reply = api.post("/users", Map.of("email", "common@example.com", "password", common));

            assertThat(reply.status()).as(common).isEqualTo(422);
            assertThat(reply.errorCode()).isEqualTo("password_too_common");
            assertThat(reply.json().path("error").path("field").asText()).isEqualTo("password");
        }
        assertThat(api.post("/users", Map.of("email", "common@example.com", "password", "uncommon enough 42"))
                .status()).isEqualTo(201);
    }
}
