package io.userservice.app;

import io.userservice.core.port.out.DirectoryFactory;
import io.userservice.core.port.out.UserDirectory;
import io.userservice.core.port.out.UserDirectoryProvider;
import io.userservice.jdbc.JdbcStores;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The user directory {@code USERSVC_DIRECTORY} names: the built-in one ({@value #BUILT_IN}, the
 * {@code users} table in the service's own database), or the one a {@link UserDirectoryProvider}
 * on the class path offers under that name ({@code ldap} comes with the server). Remembers the
 * directory it opened, to close it when the server stops.
 */
final class Directories implements AutoCloseable {

    static final String BUILT_IN = "jdbc";

    private final DirectoryFactory factory;
    private final UnaryOperator<UserDirectory> front;
    private final List<UserDirectory> opened = new ArrayList<>();

    private Directories(DirectoryFactory factory) {
        this(factory, UnaryOperator.identity());
    }

    private Directories(DirectoryFactory factory, UnaryOperator<UserDirectory> front) {
        this.factory = factory;
        this.front = front;
    }

    /** @throws ConfigException for an unknown name or a provider that refuses its settings */
    static Directories select(AppConfig config, JdbcStores database) {
        if (config.directory().equals(BUILT_IN)) {
            return new Directories(database.directory());
        }
        List<UserDirectoryProvider> providers = new ArrayList<>();
        ServiceLoader.load(UserDirectoryProvider.class).forEach(providers::add);
        UserDirectoryProvider provider = providers.stream().filter(p -> p.name().equals(config.directory()))
                .findFirst().orElseThrow(() -> new ConfigException("USERSVC_DIRECTORY names no directory: '"
                        + config.directory() + "' (known: " + BUILT_IN + providers.stream()
                        .map(p -> ", " + p.name()).sorted().collect(Collectors.joining()) + ")"));
        try {
            return new Directories(provider.open(config.settings()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /**
     * The same directory with {@code front} standing in front of it once opened (a copy of its
     * entries); the directory itself is the one closed. Before anything is opened.
     */
    Directories withFront(UnaryOperator<UserDirectory> front) {
        return new Directories(factory, front);
    }

    /** Opens the directory; the core calls it with its password hasher. */
    DirectoryFactory factory() {
        return hasher -> {
            UserDirectory directory = factory.open(hasher);
            synchronized (opened) {
                opened.add(directory);
            }
            return front.apply(directory);
        };
    }

    @Override
    public void close() {
        synchronized (opened) {
            for (UserDirectory directory : opened) {
                if (directory instanceof AutoCloseable closeable) {
                    try {
                        closeable.close();
                    } catch (Exception e) {
                        // stopping anyway; nothing waits for the directory
                    }
                }
            }
            opened.clear();
        }
    }
}
