package com.example.userservice.directory;

import io.userservice.core.port.out.DirectoryFactory;
import io.userservice.core.port.out.UserDirectoryProvider;
import java.util.Map;

/**
 * Offers the application's users table to the server as {@code USERSVC_DIRECTORY=users-table}.
 * Listed in {@code META-INF/services/io.userservice.core.port.out.UserDirectoryProvider}, so the
 * server finds it when this jar is on its class path.
 */
public final class UsersTableDirectoryProvider implements UserDirectoryProvider {

    @Override
    public String name() {
        return UsersTableDirectory.NAME;
    }

    /**
     * Checks the settings at once, so a missing one stops the start with a line naming it; the
     * connection pool opens only when the core opens the directory with its password hasher.
     */
    @Override
    public DirectoryFactory open(Map<String, String> settings) {
        UsersTableSettings table = UsersTableSettings.from(settings);
        return hasher -> UsersTableDirectory.open(table, hasher);
    }
}
