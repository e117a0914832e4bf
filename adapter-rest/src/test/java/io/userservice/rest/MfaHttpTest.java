package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.Role;
import io.userservice.core.port.in.ChangeRoleUseCase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.util.encoders.Base32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two-factor authentication over HTTP: the abuse first (another kind of token as the challenge,
 * another user's id on the admin route, the password-only channels, racing recovery codes), then
 * the routes as a client uses them. Codes come from an independent TOTP implementation.
 */
class MfaHttpTest {

    private static final String PASSWORD = "correct horse battery";

    private final RestFixture api = new RestFixture();

    @AfterEach
    void stop() {
        api.close();
    }

    /** A user with MFA on: their secret, recovery codes and a bearer token from before. */
    private record Enrolled(long id, String email, String secret, List<String> recoveryCodes, String accessToken) {
    }

    private Enrolled enrolled(String email) {
        JsonNode login = api.signedIn(email, PASSWORD).json();
        String token = login.path("accessToken").asText();
        JsonNode enrolment = api.post("/user/mfa/totp", Map.of("password", PASSWORD), token).json();
        String secret = enrolment.path("secret").asText();
        JsonNode confirmed = api.post("/user/mfa/totp/confirm", Map.of("code", code(secret, Instant.now())), token)
                .json();
        List<String> codes = new ArrayList<>();
        confirmed.path("recoveryCodes").forEach(c -> codes.add(c.asText()));
        return new Enrolled(login.path("user").path("id").asLong(), email, secret, codes, token);
    }

    static String code(String secret, Instant at) {
        try {
            int padded = (secret.length() + 7) / 8 * 8;
            byte[] key = Base32.decode(secret + "=".repeat(padded - secret.length()));
            return String.format(Locale.ROOT, "%06d", new TimeBasedOneTimePasswordGenerator()
                    .generateOneTimePassword(new SecretKeySpec(key, "HmacSHA1"), at));
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A code of the step after the current one: still in the window, and unused by the enrolment. */
    static String nextCode(String secret) {
        return code(secret, Instant.now().plusSeconds(30));
    }

    private RestFixture.Reply passwordStep(String email) {
        return api.post("/auth/login", Map.of("email", email, "password", PASSWORD));
    }

    private String mfaToken(String email) {
        return passwordStep(email).json().path("mfaToken").asText();
    }

    @Test
    void theRightPasswordAnswers403MfaRequiredWithAChallengeAndNoTokens() {
        Enrolled ann = enrolled("ann@example.com");

        RestFixture.Reply reply = passwordStep(ann.email());

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().path("status").asText()).isEqualTo("error");
        assertThat(reply.errorCode()).isEqualTo("mfa_required");
        assertThat(reply.json().path("mfaToken").asText()).isNotBlank();
        assertThat(reply.json().path("methods").toString()).isEqualTo("[\"totp\",\"recovery_code\"]");
        assertThat(reply.json().has("accessToken")).isFalse();
        assertThat(reply.json().has("refreshToken")).isFalse();
    }

    @Test
    void aWrongPasswordAnswersExactlyAsForAnAccountWithoutMfa() {
        enrolled("ann@example.com");
        api.signedIn("bob@example.com", PASSWORD);

        RestFixture.Reply withMfa = api.post("/auth/login", Map.of("email", "ann@example.com", "password", "nope nope"));
        RestFixture.Reply without = api.post("/auth/login", Map.of("email", "bob@example.com", "password", "nope nope"));

        assertThat(withMfa.status()).isEqualTo(401).isEqualTo(without.status());
        assertThat(withMfa.comparableBody()).isEqualTo(without.comparableBody());
    }

    @Test
    void anAccessOrRefreshTokenIsNoMfaToken() {
        Enrolled ann = enrolled("ann@example.com");
        RestFixture.Reply signedIn = api.post("/auth/login/mfa", Map.of("mfaToken", mfaToken(ann.email()),
                "code", nextCode(ann.secret())));
        assertThat(signedIn.status()).isEqualTo(200);

        for (String other : List.of(signedIn.json().path("accessToken").asText(),
                signedIn.json().path("refreshToken").asText(), ann.accessToken(), "")) {
            RestFixture.Reply reply = api.post("/auth/login/mfa", Map.of("mfaToken", other,
                    "code", code(ann.secret(), Instant.now())));
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.errorCode()).isEqualTo("invalid_mfa_token");
        }
    }

    @Test
    void anMfaTokenIsNoBearerToken() {
        Enrolled ann = enrolled("ann@example.com");

        RestFixture.Reply reply = api.get("/user", mfaToken(ann.email()));

        assertThat(reply.status()).isEqualTo(401);
    }

    @Test
    void aCodeFinishesTheSignInOnceAndTheMfaTokenIsSingleUse() {
        Enrolled ann = enrolled("ann@example.com");
        String token = mfaToken(ann.email());

        RestFixture.Reply first = api.post("/auth/login/mfa", Map.of("mfaToken", token, "code", nextCode(ann.secret())));
        RestFixture.Reply again = api.post("/auth/login/mfa", Map.of("mfaToken", token,
                "code", code(ann.secret(), Instant.now().minusSeconds(30))));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().path("accessToken").asText()).isNotBlank();
        assertThat(first.json().path("refreshToken").asText()).isNotBlank();
        assertThat(first.json().path("user").path("email").asText()).isEqualTo("ann@example.com");
        assertThat(api.get("/user", first.json().path("accessToken").asText()).status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.errorCode()).isEqualTo("invalid_mfa_token");
    }

    @Test
    void fiveWrongCodesKillTheChallenge() {
        Enrolled ann = enrolled("ann@example.com");
        String token = mfaToken(ann.email());
        for (int i = 0; i < 5; i++) {
            RestFixture.Reply wrong = api.post("/auth/login/mfa", Map.of("mfaToken", token, "code", "000000"));
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.errorCode()).isEqualTo("invalid_mfa_code");
        }

        RestFixture.Reply right = api.post("/auth/login/mfa", Map.of("mfaToken", token, "code", nextCode(ann.secret())));

        assertThat(right.status()).isEqualTo(401);
        assertThat(right.errorCode()).isEqualTo("invalid_mfa_token");
    }

    @Test
    void wrongCodesMeetTheAccountsSignInLimitWith429AndRetryAfter() {
        Enrolled ann = enrolled("ann@example.com");
        RestFixture.Reply last = null;
        for (int i = 0; i < 3 && (last == null || last.status() != 429); i++) {
            String token = mfaToken(ann.email());
            for (int j = 0; j < 4; j++) {
                last = api.post("/auth/login/mfa", Map.of("mfaToken", token, "code", "000000"));
            }
        }

        assertThat(last.status()).isEqualTo(429);
        assertThat(last.header("Retry-After")).isNotBlank();
    }

    @Test
    void malformedAnswersAreClear4xx() {
        Enrolled ann = enrolled("ann@example.com");
        String token = mfaToken(ann.email());

        assertThat(api.post("/auth/login/mfa", Map.of("mfaToken", token)).status()).isEqualTo(422);
        assertThat(api.post("/auth/login/mfa", Map.of("mfaToken", token, "code", "123456",
                "recoveryCode", ann.recoveryCodes().get(0))).status()).isEqualTo(422);
        assertThat(api.send("POST", "/auth/login/mfa", "application/json", "{\"mfaToken\":", Map.of()).status())
                .isEqualTo(400);
        assertThat(api.post("/auth/login/mfa", Map.of("mfaToken", token, "code", "x".repeat(5000))).status())
                .isEqualTo(401);
    }

    @Test
    void oneRecoveryCodeRacedOnManyChallengesSignsInOnce() throws Exception {
        Enrolled ann = enrolled("ann@example.com");
        String code = ann.recoveryCodes().get(0);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tokens.add(mfaToken(ann.email()));
        }

        List<RestFixture.Reply> replies = race(tokens.stream().<Callable<RestFixture.Reply>>map(token ->
                () -> api.post("/auth/login/mfa", Map.of("mfaToken", token, "recoveryCode", code))).toList());

        assertThat(replies).filteredOn(r -> r.status() == 200).hasSize(1);
        assertThat(replies).filteredOn(r -> r.status() != 200)
                .allSatisfy(r -> assertThat(r.errorCode()).isEqualTo("invalid_mfa_code"));
        assertThat(api.get("/user/mfa", ann.accessToken()).json().path("recoveryCodesLeft").asInt()).isEqualTo(9);
        assertThat(api.sent()).extracting(RecordingUserNotifierKind::of).contains(MailKind.RECOVERY_CODE_USED_NOTICE);
    }

    private static List<RestFixture.Reply> race(List<Callable<RestFixture.Reply>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<RestFixture.Reply>> futures = new ArrayList<>();
            for (Callable<RestFixture.Reply> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<RestFixture.Reply> replies = new ArrayList<>();
            for (Future<RestFixture.Reply> future : futures) {
                replies.add(future.get());
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void basicAuthenticationRefusesAnAccountWithMfaOnNamingTwoFactor() {
        Enrolled ann = enrolled("ann@example.com");
        String basic = "Basic " + Base64.getEncoder().encodeToString((ann.email() + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));

        RestFixture.Reply reply = api.send("GET", "/en/user/me", null, null, Map.of("Authorization", basic));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body()).containsIgnoringCase("two-factor");
    }

    @Test
    void theNexudusTokenAndValidateRoutesRefuseInTheirEnvelope() {
        Enrolled ann = enrolled("ann@example.com");

        JsonNode token = api.post("/api/sys/users/token", Map.of("email", ann.email(), "password", PASSWORD,
                "validityInMinutes", 5)).json();
        JsonNode validate = api.post("/api/sys/users/validate", Map.of("Email", ann.email(), "Password", PASSWORD))
                .json();

        for (JsonNode envelope : List.of(token, validate)) {
            assertThat(envelope.path("WasSuccessful").asBoolean()).isFalse();
            assertThat(envelope.path("Message").asText()).containsIgnoringCase("two-factor");
            assertThat(envelope.path("Value").isNull()).isTrue();
        }
    }

    @Test
    void onlyAnAdminResetsAnotherUsersMfa() {
        Enrolled ann = enrolled("ann@example.com");
        JsonNode editor = api.signedIn("editor@example.com", PASSWORD).json();
        JsonNode admin = api.signedIn("admin@example.com", PASSWORD).json();
        grant(editor.path("user").path("id").asLong(), Role.USER_EDIT);
        grant(admin.path("user").path("id").asLong(), Role.ADMIN);
        String editorToken = api.post("/auth/login", Map.of("email", "editor@example.com", "password", PASSWORD))
                .json().path("accessToken").asText();
        String adminToken = api.post("/auth/login", Map.of("email", "admin@example.com", "password", PASSWORD))
                .json().path("accessToken").asText();

        assertThat(api.delete("/admin/users/" + ann.id() + "/mfa", ann.accessToken()).status()).isEqualTo(403);
        assertThat(api.delete("/admin/users/" + ann.id() + "/mfa", editorToken).status()).isEqualTo(403);
        assertThat(passwordStep(ann.email()).status()).isEqualTo(403);
        assertThat(api.delete("/admin/users/99999/mfa", adminToken).status()).isEqualTo(404);

        assertThat(api.delete("/admin/users/" + ann.id() + "/mfa", adminToken).status()).isEqualTo(204);

        assertThat(passwordStep(ann.email()).status()).isEqualTo(200);
        assertThat(api.sent()).anySatisfy(mail -> {
            assertThat(mail.kind()).isEqualTo(MailKind.MFA_RESET_NOTICE);
            assertThat(mail.email()).isEqualTo(ann.email());
        });
    }

    private void grant(long userId, Role role) {
        api.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), userId, role, true, ClientAddress.unknown()));
    }

    @Test
    void enrolmentGivesASecretAnOtpauthUriAndAQrCode() {
        String token = api.signedIn("ann@example.com", PASSWORD).json().path("accessToken").asText();

        assertThat(api.post("/user/mfa/totp", Map.of("password", "wrong one"), token).status()).isEqualTo(401);
        JsonNode enrolment = api.post("/user/mfa/totp", Map.of("password", PASSWORD), token).json();

        String secret = enrolment.path("secret").asText();
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(enrolment.path("otpauthUri").asText()).isEqualTo("otpauth://totp/User%20Service:ann%40example.com"
                + "?secret=" + secret + "&issuer=User%20Service&algorithm=SHA1&digits=6&period=30");
        assertThat(enrolment.path("qrCodeSvg").asText()).startsWith("<svg").endsWith("</svg>");
        JsonNode status = api.get("/user/mfa", token).json();
        assertThat(status.path("enabled").asBoolean()).isFalse();
        assertThat(status.path("totpPending").asBoolean()).isTrue();
    }

    @Test
    void confirmingWithAWrongCodeIsRefusedAndWithTheRightOneGivesTenCodesOnce() {
        String token = api.signedIn("ann@example.com", PASSWORD).json().path("accessToken").asText();
        String secret = api.post("/user/mfa/totp", Map.of("password", PASSWORD), token).json().path("secret").asText();

        RestFixture.Reply wrong = api.post("/user/mfa/totp/confirm", Map.of("code", "000000"), token);
        RestFixture.Reply right = api.post("/user/mfa/totp/confirm", Map.of("code", code(secret, Instant.now())), token);
        RestFixture.Reply twice = api.post("/user/mfa/totp/confirm", Map.of("code", nextCode(secret)), token);

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.errorCode()).isEqualTo("invalid_mfa_code");
        assertThat(right.status()).isEqualTo(200);
        assertThat(right.json().path("recoveryCodes")).hasSize(10);
        assertThat(twice.status()).isEqualTo(401);
        JsonNode status = api.get("/user/mfa", token).json();
        assertThat(status.path("enabled").asBoolean()).isTrue();
        assertThat(status.path("recoveryCodesLeft").asInt()).isEqualTo(10);
        assertThat(status.toString()).doesNotContain(secret);
    }

    @Test
    void turningOffNeedsPasswordAndCodeThenThePasswordAloneSignsIn() {
        Enrolled ann = enrolled("ann@example.com");

        RestFixture.Reply noCode = api.send("DELETE", "/user/mfa/totp", "application/json",
                RestFixture.json(Map.of("password", PASSWORD, "code", "000000")),
                Map.of("Authorization", "Bearer " + ann.accessToken()));
        RestFixture.Reply off = api.send("DELETE", "/user/mfa/totp", "application/json",
                RestFixture.json(Map.of("password", PASSWORD, "code", ann.recoveryCodes().get(2))),
                Map.of("Authorization", "Bearer " + ann.accessToken()));

        assertThat(noCode.status()).isEqualTo(401);
        assertThat(off.status()).isEqualTo(204);
        assertThat(passwordStep(ann.email()).status()).isEqualTo(200);
    }

    @Test
    void newRecoveryCodesReplaceTheOldSet() {
        Enrolled ann = enrolled("ann@example.com");

        RestFixture.Reply renewed = api.post("/user/mfa/recovery-codes", Map.of("password", PASSWORD,
                "code", nextCode(ann.secret())), ann.accessToken());

        assertThat(renewed.status()).isEqualTo(200);
        assertThat(renewed.json().path("recoveryCodes")).hasSize(10);
        RestFixture.Reply old = api.post("/auth/login/mfa", Map.of("mfaToken", mfaToken(ann.email()),
                "recoveryCode", ann.recoveryCodes().get(0)));
        assertThat(old.status()).isEqualTo(401);
        assertThat(old.errorCode()).isEqualTo("invalid_mfa_code");
    }

    @Test
    void theExportNamesTheFactorsButNoSecret() {
        Enrolled ann = enrolled("ann@example.com");

        RestFixture.Reply export = api.get("/user/export", ann.accessToken());

        assertThat(export.json().path("mfa").path("totp").asBoolean()).isTrue();
        assertThat(export.body()).doesNotContain(ann.secret()).doesNotContain(ann.recoveryCodes().get(0));
    }

    /** The kind of a delivered mail, for assertions over a list of them. */
    private static final class RecordingUserNotifierKind {
        static MailKind of(io.userservice.core.memory.RecordingUserNotifier.Notification mail) {
            return mail.kind();
        }
    }
}
