package io.userservice.core.service;

import io.userservice.core.domain.Attributes;
import io.userservice.core.domain.LimitExceededException;
import io.userservice.core.domain.UserProfile;
import io.userservice.core.port.in.SetAttributeUseCase;
import io.userservice.core.port.out.UserAttributesPort;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.port.out.Transactions;

final class SetAttributeService implements SetAttributeUseCase {

    private final UserAttributesPort attributes;
    private final Profiles profiles;
    private final Transactions transactions;
    private final WebhookEvents events;

    SetAttributeService(UserAttributesPort attributes, Profiles profiles, Transactions transactions,
                        WebhookEvents events) {
        this.transactions = transactions;
        this.events = events;
        this.attributes = attributes;
        this.profiles = profiles;
    }

    @Override
    public UserProfile set(Command command) {
        long userId = command.userId();
        profiles.user(userId); // the user of a token that outlived them stores nothing
        transactions.run(() -> {
            if (!attributes.putWithin(userId, command.key(), command.value(), Attributes.MAX_PER_USER)) {
                throw new LimitExceededException("too_many_attributes",
                        "A user may have at most " + Attributes.MAX_PER_USER + " attributes.");
            }
            events.emit(WebhookEventType.USER_UPDATED, userId,
                    WebhookEvents.fields("attributes", WebhookEvents.fields(command.key(), command.value())));
        });
        return profiles.profile(userId);
    }
}
