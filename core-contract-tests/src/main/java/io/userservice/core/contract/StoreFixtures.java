package io.userservice.core.contract;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Test data shared by the contracts. */
final class StoreFixtures {

    /** A moment with digits below the millisecond, so a store keeping less than milliseconds shows. */
    static final Instant T0 = Instant.parse("2025-03-14T09:26:53.589793238Z");

    static final String A_HASH = "$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";

    private static final AtomicLong USER_IDS = new AtomicLong(1_000);

    private StoreFixtures() {
    }

    /**
     * An id for a user of the state's directory. The state refers to users by id only, so any id
     * will do; a new one each time keeps the contracts' users apart.
     */
    static long aUserId() {
        return USER_IDS.incrementAndGet();
    }

    /** The instant as every store must keep it at least: to the millisecond. */
    static Instant millis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
