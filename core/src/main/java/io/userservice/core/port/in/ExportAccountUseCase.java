package io.userservice.core.port.in;

import io.userservice.core.domain.AuditEntry;
import io.userservice.core.domain.Passkey;
import io.userservice.core.domain.Session;
import io.userservice.core.domain.User;
import java.util.List;
import java.util.Map;

/**
 * Everything the service keeps about a user, for the user to take away: who they are, their
 * attributes, roles, sessions, passkeys and the audit events about them. Never a hash, token,
 * code, challenge or key.
 */
public interface ExportAccountUseCase {

    AccountExport export(long userId);

    /**
     * @param auditEvents the events with the user as actor or subject, newest first
     * @param mfa         which second factors are on (never a secret or a code)
     * @param passkeys    the user's passkeys, oldest first (an export shows their names and times only)
     */
    record AccountExport(User user, Map<String, String> attributes, List<String> roles, List<Session> sessions,
                         List<AuditEntry> auditEvents, GetMfaStatusUseCase.Status mfa, List<Passkey> passkeys) {
    }
}
