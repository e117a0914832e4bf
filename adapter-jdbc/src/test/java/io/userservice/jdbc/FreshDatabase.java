package io.userservice.jdbc;

import io.userservice.core.port.out.CoreStores;

/**
 * A new, empty database for one test, migrated by the real changelog through
 * {@link JdbcStores#open} and dropped on close.
 */
abstract class FreshDatabase implements AutoCloseable {

    static final int CONTRACT_POOL_SIZE = 10;

    private JdbcStores jdbc;

    /** Creates the database and returns its stores. */
    final CoreStores open() {
        return open(CONTRACT_POOL_SIZE);
    }

    final CoreStores open(int maxPoolSize) {
        if (jdbc != null) {
            throw new IllegalStateException("already open");
        }
        jdbc = JdbcStores.open(create(maxPoolSize));
        return jdbc.stores();
    }

    /** Creates an empty database and tells how to connect to it. */
    protected abstract JdbcSettings create(int maxPoolSize);

    /** Removes the database; its pool is already closed. */
    protected abstract void drop();

    @Override
    public final void close() {
        if (jdbc != null) {
            jdbc.close();
            jdbc = null;
            drop();
        }
    }
}
