package io.userservice.core.port.out.contract;

import io.userservice.core.domain.Email;
import io.userservice.core.domain.NewUser;
import io.userservice.core.domain.User;
import io.userservice.core.port.out.SaveUserPort;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Test data shared by the store contracts. */
final class StoreFixtures {

    /** A moment with digits below the millisecond, so a store keeping less than milliseconds shows. */
    static final Instant T0 = Instant.parse("2025-03-14T09:26:53.589793238Z");

    static final String A_HASH = "$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";
    static final String ANOTHER_HASH = "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private StoreFixtures() {
    }

    static NewUser aNewUser(String email) {
        return new NewUser(UUID.randomUUID(), Email.of(email), A_HASH, "Ada", "Lovelace", "en", 0, Set.of(),
                false, T0);
    }

    static NewUser aNewUser() {
        return aNewUser("user" + SEQUENCE.incrementAndGet() + "@example.com");
    }

    static long aStoredUserId(SaveUserPort users) {
        return users.create(aNewUser()).id();
    }

    /** The instant as every store must keep it at least: to the millisecond. */
    static Instant millis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }

    static User atMillis(User u) {
        return new User(u.id(), u.uniqueId(), u.email(), u.passwordHash(), u.firstname(), u.lastname(),
                u.language(), u.permissionLevel(), u.roles(), u.confirmed(), millis(u.createdAt()),
                millis(u.updatedAt()), millis(u.validAfter()), millis(u.deactivatedAt()));
    }
}
