package io.userservice.app;

import io.userservice.core.service.UserServiceCore;
import io.userservice.jdbc.JdbcSettings;
import io.userservice.jdbc.JdbcStores;
import io.userservice.mail.MailNotifiers;

/**
 * The core as an operator's verb uses it: on the configured database (migrated on opening) and
 * directory, with a small pool and mail written to the log. Closing releases both.
 */
final class OperatorCore implements AutoCloseable {

    private final JdbcStores database;
    private final Directories directories;
    private final UserServiceCore core;

    private OperatorCore(JdbcStores database, Directories directories, UserServiceCore core) {
        this.database = database;
        this.directories = directories;
        this.core = core;
    }

    static OperatorCore open(AppConfig config) {
        JdbcStores database = JdbcStores.open(new JdbcSettings(config.dbUrl(), config.dbUser(), config.dbPassword(), 2));
        Directories directories = null;
        try {
            directories = Directories.select(config, database);
            UserServiceCore core = UserServiceServer.core(config, directories, database,
                    MailNotifiers.log(config.mailSettings()));
            return new OperatorCore(database, directories, core);
        } catch (RuntimeException e) {
            if (directories != null) {
                directories.close();
            }
            database.close();
            throw e;
        }
    }

    UserServiceCore core() {
        return core;
    }

    JdbcStores database() {
        return database;
    }

    @Override
    public void close() {
        directories.close();
        database.close();
    }
}
