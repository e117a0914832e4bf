package io.userservice.jdbc;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * A query restricted to rows whose column holds one of a list of values. Where the database has
 * arrays the list is one array parameter: PostgreSQL, once it caches a generic plan for a
 * statement, estimates a list of many parameters against a table without statistics yet (a first
 * import into a new database) as matching everything and scans the table, whereas one array
 * parameter is estimated as a few rows and read through the index. MariaDB has no arrays (and no
 * generic plans) and gets the list.
 */
final class ValueLists {

    private ValueLists() {
    }

    /** {@code select WHERE column IN values}; {@code select} has no WHERE of its own. */
    static <T> Query among(Handle handle, String select, String column, Class<T> type, List<T> values) {
        if (hasArrays(handle)) {
            return handle.createQuery(select + " WHERE " + column + " = ANY(:values)").bindArray("values", type, values);
        }
        return handle.createQuery(select + " WHERE " + column + " IN (<values>)").bindList("values", values);
    }

    private static boolean hasArrays(Handle handle) {
        try {
            String product = handle.getConnection().getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            return !(product.contains("mariadb") || product.contains("mysql"));
        } catch (SQLException e) {
            return false;
        }
    }
}
