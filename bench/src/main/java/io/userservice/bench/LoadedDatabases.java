package io.userservice.bench;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A small and a large database on one server, identical but for the number of users. Iterations
 * alternate between them (even iterations, warm-up included, on the small one), so a slow spell of
 * the machine falls on both sizes alike; {@link ScaleRun} splits the iterations again.
 */
@State(Scope.Benchmark)
public class LoadedDatabases {

    @Param({"postgres", "h2"})
    public String db;

    @Param({"1000"})
    public int small;

    @Param({"1000000"})
    public int large;

    private BenchServer server;
    private final LoadedDatabase[] sizes = new LoadedDatabase[2];
    private int iteration;
    private int current;

    @Setup(Level.Trial)
    public void load() throws Exception {
        server = BenchServer.start(db);
        sizes[0] = LoadedDatabase.create(server, "users_small", small);
        sizes[1] = LoadedDatabase.create(server, "users_large", large);
    }

    @Setup(Level.Iteration)
    public void alternate() {
        current = iteration++ % 2;
    }

    /** 0 for the small database, 1 for the large one. */
    int currentIndex() {
        return current;
    }

    LoadedDatabase current() {
        return sizes[current];
    }

    LoadedDatabase size(int index) {
        return sizes[index];
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        for (LoadedDatabase database : sizes) {
            if (database != null) {
                database.close();
            }
        }
        server.close();
    }
}
