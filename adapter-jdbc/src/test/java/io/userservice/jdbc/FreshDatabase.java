package io.userservice.jdbc;


/**
 * A new, empty database for one test, migrated by the real changelog through
 * {@link JdbcStores#open} and dropped on close.
 */
abstract class FreshDatabase implements AutoCloseable {

    static final int CONTRACT_POOL_SIZE = 10;

    private JdbcStores jdbc;
    private JdbcSettings settings;
    private final java.util.List<JdbcStores> others = new java.util.ArrayList<>();

    /** Creates the database and returns its stores. */
    final JdbcStores open() {
        return open(CONTRACT_POOL_SIZE);
    }

    final JdbcStores open(int maxPoolSize) {
        if (jdbc != null) {
            throw new IllegalStateException("already open");
        }
        settings = create(maxPoolSize);
        jdbc = JdbcStores.open(settings);
        return jdbc;
    }

    /** A second pool on the same, already open database, as another server instance would have. */
    final JdbcStores openAnother() {
        if (jdbc == null) {
            throw new IllegalStateException("not open");
        }
        JdbcStores other = JdbcStores.open(settings);
        others.add(other);
        return other;
    }

    /** Creates an empty database and tells how to connect to it. */
    protected abstract JdbcSettings create(int maxPoolSize);

    /** Removes the database; its pool is already closed. */
    protected abstract void drop();

    @Override
    public final void close() {
        others.forEach(JdbcStores::close);
        others.clear();
        if (jdbc != null) {
            jdbc.close();
            jdbc = null;
            drop();
        }
    }
}
