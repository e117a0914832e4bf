package com.example.userservice.directory;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * Where the application's users table is. The server hands every {@code USERSVC_…} setting to
 * the provider, so this directory's settings carry that prefix too.
 *
 * @param url      {@value #URL}: the JDBC URL of the application's database (required)
 * @param user     {@value #USER}: the database user, or null when the URL carries it
 * @param password {@value #PASSWORD}: its password, or null
 * @param poolSize {@value #POOL_SIZE}: the most connections the directory holds (default
 *                 {@value #DEFAULT_POOL_SIZE})
 */
record UsersTableSettings(String url, String user, String password, int poolSize) {

    static final String URL = "USERSVC_USERS_TABLE_URL";
    static final String USER = "USERSVC_USERS_TABLE_USER";
    static final String PASSWORD = "USERSVC_USERS_TABLE_PASSWORD";
    static final String POOL_SIZE = "USERSVC_USERS_TABLE_POOL_SIZE";
    static final int DEFAULT_POOL_SIZE = 4;
    private static final int MAX_POOL_SIZE = 100;

    /**
     * The settings of this directory among the server's.
     *
     * @throws IllegalArgumentException naming the first setting that is missing or wrong; the
     *                                  message never repeats a value, which may hold a password
     */
    static UsersTableSettings from(Map<String, String> settings) {
        String url = value(settings, URL);
        if (url == null) {
            throw new IllegalArgumentException(URL + " is required: the JDBC URL of the database that holds app_accounts");
        }
        if (!url.startsWith("jdbc:")) {
            throw new IllegalArgumentException(URL + " must be a JDBC URL (jdbc:…)");
        }
        try {
            DriverManager.getDriver(url);
        } catch (SQLException e) {
            throw new IllegalArgumentException(URL + " names a database for which no JDBC driver is on the class path");
        }
        return new UsersTableSettings(url, value(settings, USER), value(settings, PASSWORD), poolSize(settings));
    }

    private static int poolSize(Map<String, String> settings) {
        String text = value(settings, POOL_SIZE);
        if (text == null) {
            return DEFAULT_POOL_SIZE;
        }
        try {
            int size = Integer.parseInt(text);
            if (size >= 1 && size <= MAX_POOL_SIZE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // refused below, with the range
        }
        throw new IllegalArgumentException(POOL_SIZE + " must be a whole number from 1 to " + MAX_POOL_SIZE);
    }

    /** Blank counts as unset, as for the server's own settings. */
    private static String value(Map<String, String> settings, String name) {
        String value = settings.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String toString() {
        return "UsersTableSettings[user=" + user + ", poolSize=" + poolSize + "]";
    }
}
