package io.userservice.core.service;

import io.userservice.core.domain.UserProfile;
import io.userservice.core.port.in.UpdateNameUseCase;
import io.userservice.core.domain.User;
import io.userservice.core.port.out.DirectoryCapability;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.port.out.Transactions;
import java.time.Clock;

final class UpdateNameService implements UpdateNameUseCase {

    private final Users users;
    private final Profiles profiles;
    private final Clock clock;
    private final Transactions transactions;
    private final WebhookEvents events;

    UpdateNameService(Users users, Profiles profiles, Clock clock, Transactions transactions, WebhookEvents events) {
        this.transactions = transactions;
        this.events = events;
        this.users = users;
        this.profiles = profiles;
        this.clock = clock;
    }

    @Override
    public UserProfile updateName(Command command) {
        User user = profiles.user(command.userId());
        users.require(DirectoryCapability.UPDATE_NAMES, "name");
        transactions.run(() -> {
            users.directory().updateNames(user.directoryKey(), command.firstname(), command.lastname(),
                    clock.instant());
            events.emit(WebhookEventType.USER_UPDATED, user.id(),
                    WebhookEvents.fields("firstname", command.firstname(), "lastname", command.lastname()));
        });
        return profiles.profile(command.userId());
    }
}
