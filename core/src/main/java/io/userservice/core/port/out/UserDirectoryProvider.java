package io.userservice.core.port.out;

import java.util.Map;

/**
 * Offers a user directory to the server: a jar on its class path that lists an implementation in
 * {@code META-INF/services/io.userservice.core.port.out.UserDirectoryProvider} is found with
 * {@link java.util.ServiceLoader}, and chosen when {@code USERSVC_DIRECTORY} names it. The
 * directory it opens may implement {@link AutoCloseable}; the server closes it when it stops.
 */
public interface UserDirectoryProvider {

    /** The name {@code USERSVC_DIRECTORY} selects this provider by, such as {@code ldap}. */
    String name();

    /**
     * The directory as configured by {@code settings}: every {@code USERSVC_…} setting of the
     * server (environment over properties file), of which the provider reads its own.
     *
     * @throws IllegalArgumentException for a missing or bad setting, with a one-line message that
     *                                  names it; the server refuses to start with that message
     */
    DirectoryFactory open(Map<String, String> settings);
}
