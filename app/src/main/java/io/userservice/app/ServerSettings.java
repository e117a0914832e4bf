package io.userservice.app;

/**
 * Every setting of the server, read in one pass: what {@code config check} validates and lists,
 * and what the README's configuration table is held against.
 */
final class ServerSettings {

    private ServerSettings() {
    }

    /** Reads every setting; the first bad one is a {@link ConfigException} naming it. */
    static void read(Settings settings) {
        AppConfig.parse(settings);
        OperationsConfig.read(settings);
    }
}
