package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar with {@code USERSVC_DIRECTORY=ldap}, against an LDAP server this test runs
 * (UnboundID's in-memory server, on a loopback port): people of the company directory sign in
 * with their directory passwords, keep attributes here, hold the roles their groups map to, keep
 * one numeric id across sign-ins and restarts, and cannot register or reset a password here. An
 * outage of the directory is a 503 that ends when the directory is back.
 */
class LdapDirectoryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "dc=example,dc=com";
    private static final String PEOPLE = "ou=people," + BASE;
    private static final String ADMINS = "cn=admins,ou=groups," + BASE;
    private static final String SERVICE = "cn=usersvc," + BASE;
    private static final String ANN_PASSWORD = "Ann's directory password";
    private static final String BOB_PASSWORD = "Bob's directory password";

    @TempDir
    Path workDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private InMemoryDirectoryServer ldap;
    private int ldapPort;
    private RunningJar jar;
    private String base;

    @BeforeEach
    void startDirectory() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ldapPort = probe.getLocalPort();
        }
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(),
                ldapPort, null));
        ldap = new InMemoryDirectoryServer(config);
        ldap.add("dn: " + BASE, "objectClass: domain", "dc: example");
        ldap.add("dn: " + PEOPLE, "objectClass: organizationalUnit", "ou: people");
        ldap.add("dn: ou=groups," + BASE, "objectClass: organizationalUnit", "ou: groups");
        ldap.add("dn: " + SERVICE, "objectClass: organizationalRole", "objectClass: simpleSecurityObject",
                "cn: usersvc", "userPassword: service password");
        person("ann", "Ann", "Archer", "en", ANN_PASSWORD);
        person("bob", "Bob", "Baker", "de", BOB_PASSWORD);
        ldap.add("dn: " + ADMINS, "objectClass: groupOfNames", "cn: admins", "member: uid=ann," + PEOPLE);
        ldap.startListening();
    }

    private void person(String uid, String firstname, String lastname, String language, String password)
            throws Exception {
        ldap.add("dn: uid=" + uid + "," + PEOPLE, "objectClass: inetOrgPerson", "uid: " + uid,
                "cn: " + firstname + " " + lastname, "givenName: " + firstname, "sn: " + lastname,
                "mail: " + uid + "@example.com", "preferredLanguage: " + language, "userPassword: " + password);
    }

    @AfterEach
    void stopAll() throws Exception {
        if (jar != null) {
            jar.close();
        }
        ldap.shutDown(true);
    }

    private void startJar() throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>();
        env.put("USERSVC_PORT", "0");
        env.put("USERSVC_HOST", "127.0.0.1");
        env.put("USERSVC_BCRYPT_COST", "4");
        env.put("USERSVC_DIRECTORY", "ldap");
        env.put("USERSVC_LDAP_URL", "ldap://127.0.0.1:" + ldapPort);
        env.put("USERSVC_LDAP_BIND_DN", SERVICE);
        env.put("USERSVC_LDAP_BIND_PASSWORD", "service password");
        env.put("USERSVC_LDAP_USER_BASE", PEOPLE);
        env.put("USERSVC_LDAP_ROLE_GROUPS", ADMINS + "=admin");
        env.put("USERSVC_LDAP_CONNECT_TIMEOUT", "PT1S");
        env.put("USERSVC_LDAP_RESPONSE_TIMEOUT", "PT2S");
        jar = RunningJar.start(workDir, env);
        base = "http://127.0.0.1:" + jar.port();
    }

    private HttpResponse<String> send(String method, String path, Object body, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode call(String method, String path, Object body, String bearer, int status) throws Exception {
        HttpResponse<String> response = send(method, path, body, bearer);
        assertThat(response.statusCode()).as(method + " " + path + " -> " + response.body()).isEqualTo(status);
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    private JsonNode signIn(String email, String password) throws Exception {
        return call("POST", "/auth/login", Map.of("email", email, "password", password), null, 200);
    }

    @Test
    void directoryPeopleSignInKeepTheirIdsAndCannotRegisterOrResetHere() throws Exception {
        startJar();

        JsonNode ann = signIn("ann@example.com", ANN_PASSWORD);
        long annId = ann.path("user").path("id").asLong();
        assertThat(ann.path("user").path("firstname").asText()).isEqualTo("Ann");
        assertThat(ann.path("user").path("confirmed").asBoolean()).isTrue();
        assertThat(signIn("Ann@Example.com ", ANN_PASSWORD).path("user").path("id").asLong())
                .as("a second sign-in").isEqualTo(annId);
        long bobId = signIn("bob@example.com", BOB_PASSWORD).path("user").path("id").asLong();
        assertThat(bobId).isNotEqualTo(annId);

        JsonNode refreshed = call("POST", "/auth/token", Map.of("refreshToken", ann.path("refreshToken").asText()),
                null, 200);
        String access = refreshed.path("accessToken").asText();
        JsonNode withAttribute = call("POST", "/user/attributes",
                Map.of("attributeKey", "plan", "attributeText", "gold"), access, 200);
        assertThat(withAttribute.path("user").path("attributes").path("plan").asText()).isEqualTo("gold");

        JsonNode registration = call("POST", "/users",
                Map.of("email", "carol@example.com", "password", "a long enough password"), null, 403);
        assertThat(registration.path("error").path("code").asText()).isEqualTo("registration_disabled");
        JsonNode reset = call("POST", "/users/password/reset", Map.of("email", "ann@example.com"), null, 403);
        assertThat(reset.path("error").path("code").asText()).isEqualTo("managed_by_directory");
        JsonNode rename = call("PUT", "/user/name", Map.of("firstname", "Anne", "lastname", "Archer"), access, 403);
        assertThat(rename.path("error").path("code").asText()).isEqualTo("managed_by_directory");

        assertThat(call("GET", "/admin/audit?limit=5", null, access, 200).path("events").isArray())
                .as("admin from the group cn=admins").isTrue();
        String bobAccess = signIn("bob@example.com", BOB_PASSWORD).path("accessToken").asText();
        call("GET", "/admin/audit?limit=5", null, bobAccess, 403);

        jar.close();
        startJar();

        JsonNode again = signIn("ann@example.com", ANN_PASSWORD);
        assertThat(again.path("user").path("id").asLong()).as("after a restart").isEqualTo(annId);
        JsonNode profile = call("GET", "/user/profile", null, again.path("accessToken").asText(), 200);
        assertThat(profile.path("user").path("attributes").path("plan").asText()).isEqualTo("gold");
        assertThat(signIn("bob@example.com", BOB_PASSWORD).path("user").path("id").asLong()).isEqualTo(bobId);
        assertThat(jar.output()).noneMatch(line -> line.contains("ERROR"));
    }

    @Test
    void wrongPasswordsUnknownAndHostileEmailsAreTheSameRefusal() throws Exception {
        startJar();

        JsonNode wrong = call("POST", "/auth/login", Map.of("email", "ann@example.com", "password", "not it at all"),
                null, 401);
        JsonNode unknown = call("POST", "/auth/login", Map.of("email", "zoe@example.com", "password", ANN_PASSWORD),
                null, 401);
        assertThat(withoutRequestId(unknown)).isEqualTo(withoutRequestId(wrong));
        for (String hostile : new String[] {"*)(uid=*", "*", "ann@example.com)(|(uid=*", "*@example.com",
                "ann@example.com\\00", "(ann@example.com)"}) {
            HttpResponse<String> response = send("POST", "/auth/login",
                    Map.of("email", hostile, "password", ANN_PASSWORD), null);
            assertThat(response.statusCode()).as(hostile + " -> " + response.body()).isEqualTo(401);
            assertThat(withoutRequestId(JSON.readTree(response.body()))).as(hostile).isEqualTo(withoutRequestId(wrong));
        }
    }

    @Test
    void aDirectoryOutageIsA503ThatEndsWhenTheDirectoryIsBack() throws Exception {
        startJar();
        signIn("ann@example.com", ANN_PASSWORD);

        ldap.shutDown(true);
        HttpResponse<String> down = send("POST", "/auth/login",
                Map.of("email", "ann@example.com", "password", ANN_PASSWORD), null);
        assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
        assertThat(JSON.readTree(down.body()).path("error").path("code").asText()).isEqualTo("store_unavailable");
        assertThat(down.headers().firstValue("Retry-After")).isPresent();

        ldap.startListening();
        assertThat(signIn("ann@example.com", ANN_PASSWORD).path("user").path("email").asText())
                .isEqualTo("ann@example.com");
    }

    /** An answer without its request id, which differs from request to request by design. */
    private static JsonNode withoutRequestId(JsonNode answer) {
        JsonNode copy = answer.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove("requestId");
        return copy;
    }
}
