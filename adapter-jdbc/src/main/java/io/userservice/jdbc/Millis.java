package io.userservice.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Instants are stored as milliseconds since the epoch in BIGINT columns: the same on every
 * database, free of time zones, and precise to the millisecond. Finer digits are dropped.
 */
final class Millis {

    private Millis() {
    }

    static Long of(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    static Instant atStorePrecision(Instant instant) {
        return instant == null ? null : Instant.ofEpochMilli(instant.toEpochMilli());
    }

    static Instant read(ResultSet row, String column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
