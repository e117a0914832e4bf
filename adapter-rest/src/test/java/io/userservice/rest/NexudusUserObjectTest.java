package io.userservice.rest;

import io.userservice.core.domain.ClientAddress;
import io.userservice.core.port.in.VerifyCredentialsUseCase;
import io.userservice.core.domain.Caller;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.MailKind;
import io.userservice.core.port.in.ChangeRoleUseCase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Our user object and envelope against the examples of the Nexudus documents, key by key. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NexudusUserObjectTest {

    /** Fields the Nexudus example fills but this service has no notion of; ours are null. */
    private static final Set<String> UNKNOWN_TO_US = Set.of("LastAccess", "DefaultBusinessName");
    private static final String SEED_DATE = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";

    private final RestFixture api = new RestFixture();

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void userMeHasEveryFieldOfTheSeedsExampleInItsOrderAndTypes() {
        api.signedIn("golden@example.com", "correct horse");

        JsonNode me = api.send("GET", "/en/user/me", null, null,
                Map.of("Authorization", basic("golden@example.com", "correct horse"))).json();

        assertSameShape(me, seed("seeds/user-me.json"), UNKNOWN_TO_US);
    }

    @Test
    void validateAnswersWithTheSeedsEnvelopeAroundTheUserObjectWithoutAToken() {
        api.signedIn("golden-validate@example.com", "correct horse");

        JsonNode reply = api.post("/api/sys/users/validate",
                Map.of("Email", "golden-validate@example.com", "Password", "correct horse")).json();
        JsonNode seed = seed("seeds/sys-users-validate.json");

        assertThat(fieldNames(reply)).containsExactlyElementsOf(fieldNames(seed));
        assertThat(reply.path("Status").asInt()).isEqualTo(200);
        assertThat(reply.path("Message").asText()).isEqualTo("OK");
        assertThat(reply.path("Errors").isNull()).isTrue();
        assertThat(reply.path("WasSuccessful").asBoolean()).isTrue();
        Set<String> alsoNull = new HashSet<>(UNKNOWN_TO_US);
        alsoNull.add("AccessToken");
        assertSameShape(reply.path("Value"), seed.path("Value"), alsoNull);
        assertThat(reply.path("Value").path("AccessToken").isNull()).isTrue();
    }

    @Test
    void theFieldsWeKnowAreFilledFromTheUser() {
        api.post("/users", Map.of("email", "ada@example.com", "password", "correct horse",
                "firstname", "Ada", "lastname", "Lovelace"));
        api.lastCode(MailKind.EMAIL_CONFIRMATION, "ada@example.com")
                .ifPresent(code -> api.post("/users/confirm", Map.of("code", code)));
        long id = api.core.verifyCredentials().verify(new VerifyCredentialsUseCase.Command("ada@example.com", "correct horse", ClientAddress.unknown())).id();
        api.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), id, Role.USER_EDIT, true, ClientAddress.of("127.0.0.1")));
        api.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), id, Role.ADMIN, true, ClientAddress.of("127.0.0.1")));

        JsonNode me = api.send("GET", "/en/user/me", null, null,
                Map.of("Authorization", basic("ada@example.com", "correct horse"))).json();

        assertThat(me.path("Id").asLong()).isEqualTo(id);
        assertThat(me.path("UniqueId").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(me.path("FullName").asText()).isEqualTo("Ada Lovelace");
        assertThat(me.path("Email").asText()).isEqualTo("ada@example.com");
        assertThat(me.path("ToStringText").asText()).isEqualTo("Ada Lovelace - ada@example.com");
        assertThat(me.path("UpdatedBy").asText()).isEqualTo("ada@example.com");
        assertThat(me.path("IsAdmin").asBoolean()).isTrue();
        assertThat(me.path("Active").asBoolean()).isTrue();
        assertThat(me.path("Validated").asBoolean()).isTrue();
        assertThat(me.path("MustResetPassword").asBoolean()).isFalse();
        assertThat(me.path("IsNew").asBoolean()).isFalse();
        assertThat(me.path("LastAccess").isNull()).isTrue();
        assertThat(me.path("UserRoles").toString()).isEqualTo("[\"admin\",\"user-edit\"]");
        assertThat(me.path("Businesses").toString()).isEqualTo("[]");
        assertThat(me.path("ChatRooms").toString()).isEqualTo("[]");
        assertThat(me.path("CreatedOn").asText()).matches(SEED_DATE);
        assertThat(me.path("UpdatedOn").asText()).matches(SEED_DATE);
        assertThat(me.path("AccessToken").asText().split("\\.")).hasSize(3);
    }

    @Test
    void withoutNamesTheFullNameIsTheEmailAndAnOrdinaryUserIsNoAdmin() {
        api.signedIn("nameless@example.com", "correct horse");

        JsonNode me = api.send("GET", "/en/user/me", null, null,
                Map.of("Authorization", basic("nameless@example.com", "correct horse"))).json();

        assertThat(me.path("FullName").asText()).isEqualTo("nameless@example.com");
        assertThat(me.path("ToStringText").asText()).isEqualTo("nameless@example.com - nameless@example.com");
        assertThat(me.path("IsAdmin").asBoolean()).isFalse();
        assertThat(me.path("UserRoles").toString()).isEqualTo("[]");
    }

    private static void assertSameShape(JsonNode ours, JsonNode seed, Set<String> nullForUs) {
        assertThat(fieldNames(ours)).containsExactlyElementsOf(fieldNames(seed));
        for (String key : fieldNames(seed)) {
            if (nullForUs.contains(key)) {
                assertThat(seed.get(key).isNull()).as("the seed fills " + key).isFalse();
            }
            JsonNodeType expected = nullForUs.contains(key) ? JsonNodeType.NULL : seed.get(key).getNodeType();
            assertThat(ours.get(key).getNodeType()).as(key).isEqualTo(expected);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode seed(String resource) {
        try (InputStream in = NexudusUserObjectTest.class.getClassLoader().getResourceAsStream(resource)) {
            return RestFixture.JSON.readTree(in);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static String basic(String email, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
