package io.userservice.core.service;

import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.Outcome;
import io.userservice.core.port.out.PasskeyPort;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.User;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.port.in.DeleteAccountUseCase;
import io.userservice.core.port.out.DirectoryCapability;
import io.userservice.core.port.out.OidcState;
import io.userservice.core.port.out.ServiceState;

/**
 * The directory entry goes first: from then on no token, session or code of the user works (the
 * user is not found), and no new mail can be queued for them. Then everything the service kept
 * goes, the mails waiting for any of their addresses included, and what OpenID Connect clients
 * held: consents, grants and authorization codes (the grants' refresh-token families go with the
 * user's other families). The audit trail keeps the events, which name users by id only.
 */
final class DeleteAccountService implements DeleteAccountUseCase {

    private final Users users;
    private final Credentials credentials;
    private final AccountOwners owners;
    private final Administrators administrators;
    private final ServiceState state;
    private final PasskeyPort passkeys;
    private final OidcState oidc;
    private final AuditTrail audit;
    private final WebhookEvents events;

    DeleteAccountService(Users users, Credentials credentials, AccountOwners owners, Administrators administrators,
                         ServiceState state, PasskeyPort passkeys, OidcState oidc, AuditTrail audit,
                         WebhookEvents events) {
        this.passkeys = passkeys;
        this.oidc = oidc;
        this.events = events;
        this.users = users;
        this.credentials = credentials;
        this.owners = owners;
        this.administrators = administrators;
        this.state = state;
        this.audit = audit;
    }

    @Override
    public void delete(Command command) {
        Caller caller = command.caller();
        long userId = command.userId();
        ClientAddress address = command.clientAddress();
        User user;
        if (Administrators.isSelf(caller, userId)) {
            owners.refuseImpersonation(AuditAction.ACCOUNT_DELETED, caller, address, "delete the account");
            users.require(DirectoryCapability.DELETE, "account");
            user = credentials.reverify(userId, command.password(), address, AuditAction.ACCOUNT_DELETED);
        } else {
            administrators.require(AuditAction.ACCOUNT_DELETED, caller, userId, address, "caller is not an admin",
                    "Deleting a user needs role admin.");
            users.require(DirectoryCapability.DELETE, "account");
            user = owners.ownerOrAdministrator(AuditAction.ACCOUNT_DELETED, caller, userId, address);
        }
        erase(user);
        audit.record(AuditAction.ACCOUNT_DELETED, caller.auditActor(), userId, address, Outcome.SUCCESS, null);
    }

    /** In one transaction: the erasure happens entirely, with its event, or not at all. */
    private void erase(User user) {
        state.transactions().run(() -> {
            eraseAll(user);
            events.emit(WebhookEventType.USER_DELETED, user.id());
        });
    }

    private void eraseAll(User user) {
        long userId = user.id();
        users.directory().delete(user.directoryKey());
        state.mailOutbox().eraseUser(userId);
        state.mailOutbox().eraseRecipient(user.email().value());
        for (Email named : state.emailChanges().eraseUser(userId)) {
            // the code mailed to an address the user wanted to move to; unless someone has it now
            if (users.directory().findByEmail(named).isEmpty()) {
                state.mailOutbox().eraseRecipient(named.value());
            }
        }
        state.codes().eraseUser(userId);
        state.refreshTokens().eraseUser(userId);
        state.portalSessions().eraseUser(userId);
        state.attributes().eraseUser(userId);
        state.accounts().erase(userId);
        state.webhookOutbox().eraseUser(userId);
        state.secondFactors().removeAll(userId);
        state.mfaChallenges().eraseUser(userId);
        passkeys.eraseUser(userId);
        oidc.codes().eraseUser(userId);
        oidc.grants().eraseUser(userId);
        oidc.consents().eraseUser(userId);
    }
}
