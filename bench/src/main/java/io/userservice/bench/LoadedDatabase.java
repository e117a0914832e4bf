package io.userservice.bench;

import io.userservice.core.domain.ClientAddress;
import io.userservice.core.port.in.UserExistsUseCase;
import io.userservice.core.crypto.BcryptPasswordHasher;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.settings.CoreSettings;
import io.userservice.core.service.UserServiceCore;
import io.userservice.jdbc.JdbcStores;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Locale;

/** One migrated database holding a number of users, and the real core over it. */
final class LoadedDatabase implements AutoCloseable {

    /**
     * bcrypt cost of the stored hashes and of the core. At the production cost of 10 one
     * verification takes many times longer than the database work and would hide a difference in it.
     */
    static final int BCRYPT_COST = 4;
    private static final int POOL_SIZE = 4;
    private static final long ONE_DAY_MILLIS = 86_400_000L;

    final GeneratedUsers users;
    final UserServiceCore core;
    private final JdbcStores stores;

    private LoadedDatabase(GeneratedUsers users, JdbcStores stores, UserServiceCore core) {
        this.users = users;
        this.stores = stores;
        this.core = core;
    }

    static LoadedDatabase create(BenchServer server, String name, int userCount) throws SQLException {
        JdbcStores stores = JdbcStores.open(server.createDatabase(name, POOL_SIZE));
        String sharedHash = new BcryptPasswordHasher(BCRYPT_COST).hash(GeneratedUsers.PASSWORD);
        GeneratedUsers users = new GeneratedUsers(userCount, sharedHash, Clock.systemUTC().millis() - ONE_DAY_MILLIS);
        long start = System.nanoTime();
        server.load(name, users);
        System.out.printf(Locale.ROOT, "%n[bench] %s: loaded %,d users in %.1f s%n", name, userCount,
                (System.nanoTime() - start) / 1e9);
        UserServiceCore core = UserServiceCore.builder(CoreSettings.defaults().withRequireConfirmation(false),
                stores.directory(), stores.state(), new RecordingUserNotifier()).bcryptCost(BCRYPT_COST).build();
        if (!core.userExists().exists(new UserExistsUseCase.Command(GeneratedUsers.email(0), ClientAddress.unknown()))
                || !core.userExists().exists(new UserExistsUseCase.Command(GeneratedUsers.email(userCount - 1),
                        ClientAddress.unknown()))) {
            throw new IllegalStateException("the bulk-loaded users are not visible to the core");
        }
        return new LoadedDatabase(users, stores, core);
    }

    @Override
    public void close() {
        stores.close();
    }
}
