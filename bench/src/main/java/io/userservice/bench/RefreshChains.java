package io.userservice.bench;

import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.TokenPair;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.RefreshTokensUseCase;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One thread's signed-in sessions on each database, each session of a random user. Refresh
 * rotates, so every use must present the token the previous use of that session returned; the
 * sessions are used in turn.
 */
@State(Scope.Thread)
public class RefreshChains {

    private static final int SESSIONS = 1_000;

    private final String[][] tokens = new String[2][SESSIONS];
    private final int[] next = new int[2];

    @Setup(Level.Trial)
    public void signIn(LoadedDatabases databases) {
        SplittableRandom random = new SplittableRandom();
        for (int size = 0; size < 2; size++) {
            LoadedDatabase database = databases.size(size);
            for (int i = 0; i < SESSIONS; i++) {
                tokens[size][i] = database.core.logIn()
                        .logIn(new LogInUseCase.Command(database.users.anyEmail(random), GeneratedUsers.PASSWORD,
                                ClientAddress.unknown()))
                        .tokens().refreshToken();
            }
        }
    }

    TokenPair refreshNext(LoadedDatabases databases) {
        int size = databases.currentIndex();
        int session = next[size];
        next[size] = (session + 1) % SESSIONS;
        TokenPair pair = databases.current().core.refreshTokens()
                .refresh(new RefreshTokensUseCase.Command(tokens[size][session], ClientAddress.unknown()));
        tokens[size][session] = pair.refreshToken();
        return pair;
    }
}
