package io.userservice.bench;

import io.userservice.core.domain.ClientAddress;
import io.userservice.core.port.in.UserExistsUseCase;
import io.userservice.core.domain.TokenPair;
import io.userservice.core.port.in.LogInUseCase;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sign-in, {@code exists} and token refresh through the real core and JDBC adapter, alternating
 * iteration by iteration between a database of 1,000 and one of 1,000,000 users. Run it with
 * {@code bench/run-scale.sh}, which prints the comparison; JMH's own summary mixes both sizes.
 * See {@code docs/benchmarks.md}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 6, time = 1)
@Measurement(iterations = 30, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ScaleBenchmark {

    @Benchmark
    public LogInUseCase.Result logIn(LoadedDatabases databases, RandomUsers users) {
        LoadedDatabase database = databases.current();
        return database.core.logIn().logIn(new LogInUseCase.Command(users.anyEmail(database), GeneratedUsers.PASSWORD,
                ClientAddress.unknown()));
    }

    @Benchmark
    public boolean exists(LoadedDatabases databases, RandomUsers users) {
        LoadedDatabase database = databases.current();
        return database.core.userExists().exists(new UserExistsUseCase.Command(users.anyEmail(database),
                ClientAddress.unknown()));
    }

    @Benchmark
    public TokenPair refresh(LoadedDatabases databases, RefreshChains sessions) {
        return sessions.refreshNext(databases);
    }
}
