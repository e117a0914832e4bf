package io.userservice.jdbc;

import java.util.Objects;

/**
 * Where the database is and how many connections to keep to it.
 *
 * @param url         the JDBC URL, e.g. {@code jdbc:h2:file:./data/user-service;AUTO_SERVER=FALSE}
 * @param user        the database user, or {@code null} when the URL or the driver supplies it
 * @param password    the user's password, or {@code null}
 * @param maxPoolSize the most connections open at once; at least 1
 */
public record JdbcSettings(String url, String user, String password, int maxPoolSize) {

    public JdbcSettings {
        Objects.requireNonNull(url, "url");
        if (url.isBlank()) {
            throw new IllegalArgumentException("the JDBC URL is empty");
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1, was " + maxPoolSize);
        }
    }

    @Override
    public String toString() {
        return "JdbcSettings[url=" + url + ", user=" + user + ", password=" + (password == null ? null : "****")
                + ", maxPoolSize=" + maxPoolSize + "]";
    }
}
