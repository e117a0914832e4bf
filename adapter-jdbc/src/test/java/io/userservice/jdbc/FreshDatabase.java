package io.userservice.jdbc;


/**
 * A new, empty database for one test, migrated by the real changelog through
 * {@link JdbcStores#open} and dropped on close.
 */
abstract class FreshDatabase implements AutoCloseable {

    static final int CONTRACT_POOL_SIZE = 10;

    private JdbcStores jdbc;
    private JdbcSettings settings;
    private JdbcStores another;

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

    /** The stores of a second instance on the database {@link #open} made. */
    final JdbcStores another() {
        if (jdbc == null || another != null) {
            throw new IllegalStateException("open first, and only one more");
        }
        another = JdbcStores.open(settings);
        return another;
    }

    /** Creates an empty database and tells how to connect to it. */
    protected abstract JdbcSettings create(int maxPoolSize);

    /** Removes the database; its pool is already closed. */
    protected abstract void drop();

    @Override
    public final void close() {
        if (another != null) {
            another.close();
            another = null;
        }
        if (jdbc != null) {
            jdbc.close();
            jdbc = null;
            drop();
        }
    }
}
