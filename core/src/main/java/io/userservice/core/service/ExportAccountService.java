package io.userservice.core.service;

import io.userservice.core.port.out.PasskeyPort;
import io.userservice.core.domain.AuditEntry;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.ExportAccountUseCase;
import io.userservice.core.port.in.GetMfaStatusUseCase;
import io.userservice.core.port.out.AuditLogPort;
import io.userservice.core.port.out.RefreshTokenPort;
import io.userservice.core.port.out.UserAttributesPort;
import java.time.Clock;
import java.util.List;

final class ExportAccountService implements ExportAccountUseCase {

    /** The most audit events an export lists, newest first. */
    static final int MAX_AUDIT_EVENTS = 1000;

    private final Profiles profiles;
    private final UserAttributesPort attributes;
    private final RefreshTokenPort refreshTokens;
    private final AuditLogPort auditLog;
    private final PasskeyPort passkeys;
    private final Clock clock;
    private final GetMfaStatusUseCase mfa;

    ExportAccountService(Profiles profiles, UserAttributesPort attributes, RefreshTokenPort refreshTokens,
                         AuditLogPort auditLog, PasskeyPort passkeys, Clock clock, GetMfaStatusUseCase mfa) {
        this.passkeys = passkeys;
        this.profiles = profiles;
        this.attributes = attributes;
        this.refreshTokens = refreshTokens;
        this.auditLog = auditLog;
        this.clock = clock;
        this.mfa = mfa;
    }

    @Override
    public AccountExport export(long userId) {
        User user = profiles.user(userId);
        List<AuditEntry> events = auditLog.about(userId, MAX_AUDIT_EVENTS);
        return new AccountExport(user, attributes.attributesOf(userId), user.roleNames(),
                refreshTokens.sessionsOf(userId, user.credentialEpoch(), clock.instant()), events, mfa.status(userId),
                passkeys.listOf(userId));
    }
}
