package io.userservice.core.service;

import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.CodePurpose;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.Language;
import io.userservice.core.domain.NotFoundException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.PersonName;
import io.userservice.core.domain.User;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.port.in.UpdateUserUseCase;
import io.userservice.core.domain.Role;
import io.userservice.core.port.out.AccountStatePort;
import io.userservice.core.port.out.DirectoryCapability;
import io.userservice.core.port.out.EmailChangePort;
import io.userservice.core.port.out.SingleUseCodePort;
import io.userservice.core.port.out.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every field is checked (and every capability required) before anything is written, so a patch
 * with one bad field changes nothing. The email of a user holding {@code admin} or
 * {@code user-edit} cannot be changed through the API (only by the operator), so one
 * administrator cannot move another's account to an address they read and then reset its
 * password. Any other change of email tells the old address, ends the pending email changes and
 * raises the credential epoch, so the user's tokens and sessions stop working.
 */
final class UpdateUserService implements UpdateUserUseCase {

    private final Users users;
    private final Administrators administrators;
    private final SingleUseCodePort codes;
    private final AuditTrail audit;
    private final Clock clock;
    private final Transactions transactions;
    private final WebhookEvents events;
    private final AccountStatePort accounts;
    private final EmailChangePort emailChanges;
    private final Notices notices;

    UpdateUserService(Users users, Administrators administrators, SingleUseCodePort codes, AuditTrail audit,
                      Clock clock, Transactions transactions, WebhookEvents events,
                      AccountStatePort accounts, EmailChangePort emailChanges, Notices notices) {
        this.accounts = accounts;
        this.emailChanges = emailChanges;
        this.notices = notices;
        this.transactions = transactions;
        this.events = events;
        this.users = users;
        this.administrators = administrators;
        this.codes = codes;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public User update(Command command) {
        administrators.require(AuditAction.USER_UPDATED, command.caller(), command.userId(), command.clientAddress(),
                "caller is not an admin", "Changing users needs role admin.");
        Patch patch = command.patch();
        if (patch.isEmpty()) {
            throw new InvalidInputException("empty_patch", null,
                    "Give at least one of firstname, lastname, language, confirmed, email.");
        }
        User user = users.byId(command.userId()).orElseThrow(() -> new NotFoundException("user_not_found",
                "There is no user with this id."));
        String firstname = patch.firstnameGiven() ? PersonName.check("firstname", patch.firstname())
                : user.firstname();
        String lastname = patch.lastnameGiven() ? PersonName.check("lastname", patch.lastname()) : user.lastname();
        String language = patch.language() == null ? null : Language.of(patch.language());
        Email email = patch.email() == null ? null : Email.of(patch.email());
        if (Boolean.FALSE.equals(patch.confirmed())) {
            throw new InvalidInputException("invalid_confirmed", "confirmed",
                    "An email can be marked confirmed, not unconfirmed.");
        }
        if (email != null && Administrators.isSelf(command.caller(), command.userId())) {
            throw new InvalidInputException("own_email", "email",
                    "Change your own email with POST /user/email, which confirms the new address.");
        }
        if (email != null && !command.caller().isOperator()
                && (user.roles().contains(Role.ADMIN) || user.roles().contains(Role.USER_EDIT))) {
            throw administrators.denied(AuditAction.USER_UPDATED, command.caller(), user.id(),
                    command.clientAddress(), "email of an administrator",
                    "The email of a user holding role admin or user-edit cannot be changed through the API.");
        }
        if (patch.firstnameGiven() || patch.lastnameGiven() || language != null) {
            users.require(DirectoryCapability.UPDATE_NAMES, "name");
        }
        if (patch.confirmed() != null) {
            users.require(DirectoryCapability.REGISTER, "confirmation");
        }
        if (email != null) {
            users.require(DirectoryCapability.CHANGE_EMAIL, "email");
        }
        Instant now = clock.instant();
        List<String> changed = transactions.inTransaction(() -> apply(user, patch, email, firstname, lastname,
                language, now));
        audit.record(AuditAction.USER_UPDATED, command.caller().auditActor(), user.id(), command.clientAddress(),
                Outcome.SUCCESS, changed.isEmpty() ? "nothing changed" : String.join(", ", changed));
        User after = users.byId(user.id()).orElseThrow(() -> new NotFoundException("user_not_found",
                "There is no user with this id."));
        if (changed.contains("email")) {
            notices.emailChanged(after, user.email());
        }
        return after;
    }

    private List<String> apply(User user, Patch patch, Email email, String firstname, String lastname,
                               String language, Instant now) {
        List<String> changed = new ArrayList<>();
        String key = user.directoryKey();
        if (email != null && !email.equals(user.email())) {
            users.directory().changeEmail(key, email, now);
            codes.invalidateAll(user.id(), CodePurpose.RESET_PASSWORD, now);
            codes.invalidateAll(user.id(), CodePurpose.CHANGE_EMAIL, now);
            emailChanges.eraseUser(user.id());
            accounts.signedOutEverywhere(user.id(), now);
            changed.add("email");
            events.emit(WebhookEventType.USER_EMAIL_CHANGED, user.id(), WebhookEvents.fields("email", email.value()));
        }
        if (patch.firstnameGiven() || patch.lastnameGiven()) {
            users.directory().updateNames(key, firstname, lastname, now);
            changed.add("names");
        }
        if (language != null) {
            users.directory().updateLanguage(key, language, now);
            changed.add("language");
        }
        if (patch.firstnameGiven() || patch.lastnameGiven() || language != null) {
            events.emit(WebhookEventType.USER_UPDATED, user.id(), WebhookEvents.fields("firstname", firstname,
                    "lastname", lastname, "language", language == null ? user.language() : language));
        }
        if (Boolean.TRUE.equals(patch.confirmed()) && !user.confirmed()) {
            users.directory().markConfirmed(key, now);
            changed.add("confirmed");
            events.emit(WebhookEventType.USER_CONFIRMED, user.id(), WebhookEvents.fields("email",
                    (email == null ? user.email() : email).value(), "confirmed", true));
        }
        return changed;
    }
}
