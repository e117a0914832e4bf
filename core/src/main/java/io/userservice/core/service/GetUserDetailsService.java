package io.userservice.core.service;

import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.NotFoundException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.GetUserDetailsUseCase;
import io.userservice.core.port.out.AuditLogPort;
import io.userservice.core.port.out.UserAttributesPort;

final class GetUserDetailsService implements GetUserDetailsUseCase {

    private final Users users;
    private final Administrators administrators;
    private final UserAttributesPort attributes;
    private final AuditLogPort auditLog;

    GetUserDetailsService(Users users, Administrators administrators, UserAttributesPort attributes,
                          AuditLogPort auditLog) {
        this.users = users;
        this.administrators = administrators;
        this.attributes = attributes;
        this.auditLog = auditLog;
    }

    @Override
    public UserDetails details(Caller caller, long userId) {
        administrators.require(AuditAction.USERS_SEARCHED, caller, userId, ClientAddress.unknown(),
                "caller is not an admin",
                "Reading users needs role admin.");
        User user = users.byId(userId).orElseThrow(() -> new NotFoundException("user_not_found",
                "There is no user with this id."));
        return new UserDetails(user, attributes.attributesOf(userId),
                auditLog.latest(userId, AuditAction.SIGN_IN, Outcome.SUCCESS).orElse(null));
    }
}
