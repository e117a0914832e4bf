package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CurrentUserTest {

    private final RestFixture api = new RestFixture();

    @AfterAll
    void stop() {
        api.close();
    }

    private String accessTokenOf(String email) {
        return api.signedIn(email, "correct horse").json().path("accessToken").asText();
    }

    @Test
    void attributesAreCreatedReplacedListedAndDeleted() {
        String token = accessTokenOf("attrs@example.com");

        RestFixture.Reply created = api.post("/user/attributes",
                Map.of("attributeKey", "key_one", "attributeText", "env=\"CLIENT_ID=91838_018381_0381980\""), token);
        api.post("/user/attributes", Map.of("attributeKey", "key_two", "attributeText", "first"), token);
        api.post("/user/attributes", Map.of("attributeKey", "key_two", "attributeText", "o'brien; DROP TABLE users"),
                token);
        RestFixture.Reply listed = api.get("/user/attributes", token);
        RestFixture.Reply deleted = api.delete("/user/attributes/key_one", token);
        RestFixture.Reply deletedAgain = api.delete("/user/attributes/key_one", token);

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().path("user").path("attributes").path("key_one").asText())
                .isEqualTo("env=\"CLIENT_ID=91838_018381_0381980\"");
        assertThat(listed.json().size()).isEqualTo(2);
        assertThat(listed.json().path("key_two").asText()).isEqualTo("o'brien; DROP TABLE users");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().path("user").path("attributes").has("key_one")).isFalse();
        assertThat(deleted.json().path("user").path("attributes").path("key_two").asText()).startsWith("o'brien");
        assertThat(deletedAgain.status()).isEqualTo(404);
        assertThat(deletedAgain.errorCode()).isEqualTo("attribute_not_found");
    }

    @Test
    void attributesBelongToTheTokensUserOnly() {
        String alice = accessTokenOf("alice@example.com");
        String bob = accessTokenOf("bob@example.com");

        api.post("/user/attributes", Map.of("attributeKey", "secret", "attributeText", "alice's"), alice);

        assertThat(api.get("/user/attributes", bob).json().size()).isZero();
        assertThat(api.delete("/user/attributes/secret", bob).status()).isEqualTo(404);
        assertThat(api.get("/user/attributes", alice).json().path("secret").asText()).isEqualTo("alice's");
    }

    @Test
    void profileAndNameUpdatesShowAttributes() {
        String token = accessTokenOf("names@example.com");
        api.post("/user/attributes", Map.of("attributeKey", "k", "attributeText", "v"), token);

        RestFixture.Reply renamed = api.put("/user/name", Map.of("firstname", "Barney", "lastname", "Fife"), token);
        Map<String, Object> onlyFirst = new HashMap<>();
        onlyFirst.put("firstname", "Andy");
        RestFixture.Reply halfRenamed = api.put("/user/name", onlyFirst, token);
        RestFixture.Reply profile = api.get("/user/profile", token);

        assertThat(renamed.status()).isEqualTo(200);
        JsonNode user = renamed.json().path("user");
        assertThat(user.path("firstname").asText()).isEqualTo("Barney");
        assertThat(user.path("lastname").asText()).isEqualTo("Fife");
        assertThat(user.path("attributes").path("k").asText()).isEqualTo("v");
        assertThat(halfRenamed.json().path("user").path("lastname").isNull()).isTrue();
        assertThat(profile.json().path("user").path("firstname").asText()).isEqualTo("Andy");
        assertThat(profile.json().path("user").path("attributes").path("k").asText()).isEqualTo("v");
    }

    @Test
    void invalidAttributesAndNamesAre422() {
        String token = accessTokenOf("invalid@example.com");

        RestFixture.Reply noKey = api.post("/user/attributes", Map.of("attributeText", "v"), token);
        RestFixture.Reply longValue = api.post("/user/attributes",
                Map.of("attributeKey", "k", "attributeText", "x".repeat(8193)), token);
        RestFixture.Reply controlName = api.put("/user/name", Map.of("firstname", "a\r\nb"), token);

        assertThat(noKey.status()).isEqualTo(422);
        assertThat(noKey.errorCode()).isEqualTo("attribute_key_required");
        assertThat(longValue.status()).isEqualTo(422);
        assertThat(controlName.status()).isEqualTo(422);
        assertThat(api.get("/user/attributes", token).json().size()).isZero();
    }
}
