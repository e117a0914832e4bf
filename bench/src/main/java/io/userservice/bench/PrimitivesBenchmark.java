package io.userservice.bench;

import io.userservice.core.crypto.BcryptPasswordHasher;
import io.userservice.core.crypto.JoseAccessTokens;
import io.userservice.core.domain.AccessTokenClaims;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;
import io.userservice.core.memory.InMemorySigningKeys;
import io.userservice.core.service.UserServiceCore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The primitives every sign-in, refresh and authenticated request pays for: bcrypt verification
 * at the configured cost (the application's default unless {@code -p cost=}), and RS256 signing
 * and verification of an access token exactly as the service makes them. Throughput on two
 * threads, the number the load targets compare with ({@code bench/run-micro.sh}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Threads(2)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
public class PrimitivesBenchmark {

    @Param("" + UserServiceCore.DEFAULT_BCRYPT_COST)
    public int cost;

    private static final String PASSWORD = "correct horse battery";

    private BcryptPasswordHasher hasher;
    private String hash;
    private JoseAccessTokens tokens;
    private User user;
    private String token;

    @Setup
    public void setUp() {
        hasher = new BcryptPasswordHasher(cost);
        hash = hasher.hash(PASSWORD);
        tokens = new JoseAccessTokens(new InMemorySigningKeys(), Clock.systemUTC(), "http://127.0.0.1",
                "user-service");
        user = new User(1, "1", UUID.randomUUID(), Email.of("bench@example.com"), "Bench", "User", "en", 0,
                Set.of(Role.USER_EDIT), true, Instant.now(), Instant.now());
        token = tokens.issue(user, Instant.now(), Instant.now().plus(Duration.ofHours(1)));
    }

    @Benchmark
    public boolean bcryptVerify() {
        return hasher.verify(PASSWORD, hash);
    }

    @Benchmark
    public String rs256Sign() {
        Instant now = Instant.now();
        return tokens.issue(user, now, now.plus(Duration.ofMinutes(15)));
    }

    @Benchmark
    public AccessTokenClaims rs256Verify() {
        return tokens.verify(token);
    }
}
