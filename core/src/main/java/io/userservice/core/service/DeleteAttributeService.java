package io.userservice.core.service;

import io.userservice.core.domain.NotFoundException;
import io.userservice.core.domain.UserProfile;
import io.userservice.core.port.in.DeleteAttributeUseCase;
import io.userservice.core.port.out.UserAttributesPort;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.port.out.Transactions;

final class DeleteAttributeService implements DeleteAttributeUseCase {

    private final UserAttributesPort attributes;
    private final Profiles profiles;
    private final Transactions transactions;
    private final WebhookEvents events;

    DeleteAttributeService(UserAttributesPort attributes, Profiles profiles, Transactions transactions,
                           WebhookEvents events) {
        this.transactions = transactions;
        this.events = events;
        this.attributes = attributes;
        this.profiles = profiles;
    }

    @Override
    public UserProfile delete(Command command) {
        profiles.user(command.userId());
        boolean removed = transactions.inTransaction(() -> {
            if (!attributes.remove(command.userId(), command.key())) {
                return false;
            }
            events.emit(WebhookEventType.USER_UPDATED, command.userId(),
                    WebhookEvents.fields("attributes", WebhookEvents.fields(command.key(), null)));
            return true;
        });
        if (!removed) {
            throw new NotFoundException("attribute_not_found", "The user has no attribute with this key.");
        }
        return profiles.profile(command.userId());
    }
}
