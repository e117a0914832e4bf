package io.userservice.bench;

import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The synthetic users of a benchmark database: {@code user<i>@example.com} for i from 0 to
 * count - 1, confirmed, all with {@link #PASSWORD} under one shared bcrypt hash so that any of
 * them can sign in.
 */
final class GeneratedUsers {

    static final String PASSWORD = "correct horse battery";

    private final int count;
    private final String passwordHash;
    private final long createdAtMillis;

    GeneratedUsers(int count, String passwordHash, long createdAtMillis) {
        this.count = count;
        this.passwordHash = passwordHash;
        this.createdAtMillis = createdAtMillis;
    }

    static String email(int index) {
        return "user" + index + "@example.com";
    }

    /** A user anywhere in the table, not only among the recently inserted. */
    String anyEmail(SplittableRandom random) {
        return email(random.nextInt(count));
    }

    int count() {
        return count;
    }

    String passwordHash() {
        return passwordHash;
    }

    long createdAtMillis() {
        return createdAtMillis;
    }

    /** A random unique id, as registration makes it; the random order also stresses its index. */
    static String uniqueId(SplittableRandom random) {
        return new UUID(random.nextLong() & ~0xF000L | 0x4000L,
                random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L).toString();
    }
}
