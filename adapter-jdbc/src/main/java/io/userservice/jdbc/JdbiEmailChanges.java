package io.userservice.jdbc;

import io.userservice.core.domain.Email;
import io.userservice.core.domain.EmailChange;
import io.userservice.core.port.out.EmailChangePort;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Requested email changes in the {@code email_changes} table, keyed by the hash of their code. */
final class JdbiEmailChanges implements EmailChangePort {

    private final Jdbi jdbi;

    JdbiEmailChanges(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void save(EmailChange change) {
        jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO email_changes (code_hash, user_id, new_email,"
                        + " expires_at) VALUES (:hash, :userId, :email, :expiresAt)")
                .bind("hash", change.codeHash())
                .bind("userId", change.userId())
                .bind("email", change.newEmail().value())
                .bind("expiresAt", Millis.of(change.expiresAt()))
                .execute());
    }

    @Override
    public Optional<EmailChange> find(String codeHash) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT code_hash, user_id, new_email, expires_at"
                        + " FROM email_changes WHERE code_hash = :hash")
                .bind("hash", codeHash)
                .map((rs, ctx) -> new EmailChange(rs.getString("code_hash"), rs.getLong("user_id"),
                        new Email(rs.getString("new_email")), Millis.read(rs, "expires_at")))
                .findOne());
    }

    /** Reads and deletes in one transaction, so an address named by a row is never missed. */
    @Override
    public List<Email> eraseUser(long userId) {
        return ConflictRetry.retried(() -> jdbi.inTransaction(handle -> {
            List<Email> named = handle.createQuery("SELECT new_email FROM email_changes WHERE user_id = :userId")
                    .bind("userId", userId)
                    .map((rs, ctx) -> new Email(rs.getString("new_email")))
                    .list();
            handle.createUpdate("DELETE FROM email_changes WHERE user_id = :userId")
                    .bind("userId", userId)
                    .execute();
            return named;
        }));
    }
}
