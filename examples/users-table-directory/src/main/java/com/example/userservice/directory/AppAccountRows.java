package com.example.userservice.directory;

import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.Language;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** How a row of the application's {@code app_accounts} reads as a user of the directory. */
final class AppAccountRows {

    /** The columns {@link #user} reads. */
    static final String COLUMNS = "account_no, login_email, given_name, family_name, ui_locale, verified, created";

    private AppAccountRows() {
    }

    /**
     * The user of the current row: the account number is both key and id. Empty for an account
     * whose email the service cannot accept; it cannot sign in here.
     */
    static Optional<DirectoryUser> user(ResultSet row) throws SQLException {
        long accountNo = row.getLong("account_no");
        Optional<Email> email = Email.parse(row.getString("login_email"));
        if (email.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DirectoryUser(Long.toString(accountNo), accountNo, uniqueIdOf(accountNo), email.get(),
                row.getString("given_name"), row.getString("family_name"), languageOf(row.getString("ui_locale")),
                0, Set.of(), row.getBoolean("verified"), createdAt(row), null));
    }

    /** The account number a key stands for, if it is one. */
    static Optional<Long> accountNoOf(String key) {
        try {
            return Optional.of(Long.parseLong(key));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The table has no random identifier; one derived from the account number is as stable and,
     * as account numbers are never reused, as unique.
     */
    private static UUID uniqueIdOf(long accountNo) {
        return UUID.nameUUIDFromBytes(("app_accounts:" + accountNo).getBytes(StandardCharsets.UTF_8));
    }

    /** The application stores Java locales ({@code de_DE}); anything unreadable is the default language. */
    private static String languageOf(String locale) {
        try {
            return Language.of(locale == null ? null : locale.replace('_', '-'));
        } catch (InvalidInputException e) {
            return Language.DEFAULT;
        }
    }

    /** The application writes {@code created} in UTC; the table records no time of change. */
    private static Instant createdAt(ResultSet row) throws SQLException {
        LocalDateTime created = row.getObject("created", LocalDateTime.class);
        return created == null ? null : created.toInstant(ZoneOffset.UTC);
    }
}
