package com.example.embedding;

import io.userservice.core.domain.ClientAddress;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.settings.CoreSettings;
import io.userservice.core.service.UserServiceCore;
import io.userservice.jdbc.JdbcSettings;
import io.userservice.jdbc.JdbcStores;
import io.userservice.mail.MailNotifiers;
import io.userservice.mail.MailSettings;

/**
 * The core inside an application of its own: users and service state in a database (H2 in memory
 * here; PostgreSQL or MariaDB by their JDBC URL), mails written to the log. Registers a user, signs
 * them in and reads their access token back.
 */
public final class EmbeddedUsers {

    private EmbeddedUsers() {
    }

    public static void main(String[] args) {
        JdbcSettings database = new JdbcSettings("jdbc:h2:mem:embedded;DB_CLOSE_DELAY=-1", "sa", "", 4);
        try (JdbcStores stores = JdbcStores.open(database)) {
            UserServiceCore users = UserServiceCore.builder(
                            CoreSettings.defaults().withRequireConfirmation(false),
                            stores.directory(),
                            stores.state(),
                            MailNotifiers.log(MailSettings.of("https://id.example.com", "no-reply@example.com")))
                    .oidcState(stores.oidcState())
                    .build();

            users.register().register(RegisterUserUseCase.Command.of(
                    "ada@example.com", "analytical engine", "Ada", "Lovelace", "en", ClientAddress.unknown()));
            LogInUseCase.Result session = users.logIn().logIn(
                    new LogInUseCase.Command("ada@example.com", "analytical engine", ClientAddress.unknown()));

            String email = users.authenticate().authenticate(session.tokens().accessToken()).email();
            System.out.println("signed in as " + email);
        }
    }
}
