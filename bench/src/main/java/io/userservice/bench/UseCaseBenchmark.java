package io.userservice.bench;

import io.userservice.core.domain.AccessTokenClaims;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.TokenPair;
import io.userservice.core.domain.User;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.AuthorizeUseCase;
import io.userservice.core.port.in.ClientCredentials;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.ManageClientsUseCase;
import io.userservice.core.port.in.OidcTokenUseCase;
import io.userservice.core.port.in.RefreshTokensUseCase;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.port.in.SignInToPortalUseCase;
import io.userservice.core.settings.CoreSettings;
import io.userservice.core.service.UserServiceCore;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The use cases on the in-memory ports, wired as the server wires them (bounded hashing, the
 * cache of verified tokens unless {@code -p tokenCache=false}): sign-in, refresh, and
 * authenticating a bearer token followed by loading its user (what {@code GET /user} does), and
 * the OpenID Connect code exchange (a confidential client redeeming a code for an access and an
 * ID token, as {@code bench/lua/code.lua} does over HTTP). Compared with
 * {@link PrimitivesBenchmark}, the difference is the cost of the use case around its primitive.
 *
 * <p>{@code -p store=h2} runs them on an in-memory H2 database, {@code -p store=postgres} on a
 * database of their own on the PostgreSQL server of {@code BENCH_PG_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}, created and dropped), both with
 * the built-in directory and, unless {@code -p stateCache=false}, the server's copy of account
 * state in front.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(2)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
public class UseCaseBenchmark {

    static final String PASSWORD = "correct horse battery";
    static final String REDIRECT = "https://rp.example.org/callback";
    /**
     * The audit trail's log line (code redemptions and authorizations are audited) would go to the
     * console through java.util.logging here; the server writes it off the request thread.
     */
    static final java.util.logging.Logger AUDIT_LOG = java.util.logging.Logger.getLogger("io.userservice.audit");

    /** One core, one confirmed user, one access token, shared by the threads. */
    @State(Scope.Benchmark)
    public static class Service {

        @Param("" + UserServiceCore.DEFAULT_BCRYPT_COST)
        public int cost;

        @Param("true")
        public boolean tokenCache;

        @Param("memory")
        public String store;

        @Param("true")
        public boolean stateCache;

        UserServiceCore core;
        String accessToken;
        ClientCredentials client;
        Map<String, List<String>> authorizeRequest;
        String sessionSecret;
        private BenchStores stores;

        @Setup
        public void setUp() {
            AUDIT_LOG.setLevel(java.util.logging.Level.WARNING);
            stores = BenchStores.of(store, stateCache);
            UserServiceCore.Builder builder = UserServiceCore.builder(
                            CoreSettings.defaults().withRequireConfirmation(false), stores.directory(), stores.state(),
                            new RecordingUserNotifier())
                    .bcryptCost(cost)
                    .passwordHashingLimit(Runtime.getRuntime().availableProcessors(), 16);
            if (tokenCache) {
                builder.verifiedTokenCache(Duration.ofSeconds(60), 10_000);
            }
            core = builder.build();
            core.register().register(RegisterUserUseCase.Command.of("bench@example.com", PASSWORD, "Bench", "User",
                    "en", ClientAddress.unknown()));
            accessToken = logIn().accessToken();
            ManageClientsUseCase.RegisteredClient registered = core.manageClients().register(
                    new ManageClientsUseCase.RegisterCommand(Caller.operator(), "bench", List.of(REDIRECT), List.of(),
                            Set.of("authorization_code"), false, false, ClientAddress.unknown()));
            client = new ClientCredentials(registered.client().clientId(), registered.clientSecret(),
                    ClientCredentials.Method.BASIC);
            authorizeRequest = Map.of("response_type", List.of("code"), "scope", List.of("openid email"),
                    "client_id", List.of(client.clientId()), "redirect_uri", List.of(REDIRECT),
                    "prompt", List.of("none"));
            sessionSecret = core.signInToPortal().signIn(new SignInToPortalUseCase.Command("bench@example.com",
                    PASSWORD, ClientAddress.unknown(), null, true)).sessionSecret();
        }

        /** A new code for the client, minted in the signed-in browser session ({@code prompt=none}). */
        String aCode() {
            AuthorizeUseCase.Outcome outcome = core.authorize().authorize(new AuthorizeUseCase.Command(
                    authorizeRequest, sessionSecret, false, null, ClientAddress.unknown()));
            URI location = ((AuthorizeUseCase.Redirect) outcome).location();
            for (String parameter : location.getRawQuery().split("&")) {
                if (parameter.startsWith("code=")) {
                    return URLDecoder.decode(parameter.substring(5), StandardCharsets.UTF_8);
                }
            }
            throw new IllegalStateException("no code in " + location);
        }

        @TearDown
        public void tearDown() {
            stores.close();
        }

        TokenPair logIn() {
            return core.logIn().logIn(new LogInUseCase.Command("bench@example.com", PASSWORD,
                    ClientAddress.unknown())).tokens();
        }
    }

    /** Each thread's own refresh-token chain: every token is presented once. */
    @State(Scope.Thread)
    public static class Chain {
        String refreshToken;

        @Setup
        public void setUp(Service service) {
            refreshToken = service.logIn().refreshToken();
        }
    }

    /**
     * Each thread's codes, minted in batches outside the measured calls (a code lives 60 s and
     * works once), so {@link #codeExchange} measures the redemption alone. Minting signs the
     * code's ID token, so a batch stops after 25 s, leaving the oldest code 35 s of its life.
     */
    @State(Scope.Thread)
    public static class Codes {
        final ArrayDeque<String> unused = new ArrayDeque<>();

        @Setup(org.openjdk.jmh.annotations.Level.Iteration)
        public void mint(Service service) {
            unused.clear();
            long stop = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(25);
            for (int i = 0; i < 20_000 && System.nanoTime() < stop; i++) {
                unused.add(service.aCode());
            }
        }

        String next(Service service) {
            String code = unused.poll();
            return code != null ? code : service.aCode();
        }
    }

    @Benchmark
    public OidcTokenUseCase.TokenResponse codeExchange(Service service, Codes codes) {
        return service.core.oidcToken().token(new OidcTokenUseCase.Command("authorization_code", service.client,
                codes.next(service), REDIRECT, null, null, null, ClientAddress.unknown()));
    }

    @Benchmark
    public TokenPair logIn(Service service) {
        return service.logIn();
    }

    @Benchmark
    public TokenPair refresh(Service service, Chain chain) {
        TokenPair next = service.core.refreshTokens().refresh(new RefreshTokensUseCase.Command(chain.refreshToken,
                ClientAddress.unknown()));
        chain.refreshToken = next.refreshToken();
        return next;
    }

    @Benchmark
    public User authenticateAndLoadUser(Service service) {
        AccessTokenClaims claims = service.core.authenticate().authenticate(service.accessToken);
        return service.core.getUser().get(claims.userId());
    }
}
