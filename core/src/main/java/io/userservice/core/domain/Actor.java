package io.userservice.core.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * Who performed an audited act: a user, someone not known (a failed sign-in, an invalid code), or
 * a named actor that is no user, such as the operator at the command line.
 *
 * <p>In the trail a user is stored as the actor id. A named actor has no user id, so it is stored
 * as an empty actor id with {@code "by <name>"} closing the detail, which is the form key
 * rotations and revocations have always had.
 */
public final class Actor {

    private static final Actor UNKNOWN = new Actor(null, null);
    private static final Actor COMMAND_LINE = new Actor(null, "command line");
    private static final Actor SYSTEM = new Actor(null, "system");

    private final Long userId;
    private final String name;

    private Actor(Long userId, String name) {
        this.userId = userId;
        this.name = name;
    }

    /** The user with this id. */
    public static Actor user(long userId) {
        return new Actor(userId, null);
    }

    /** The user with this id, or {@link #unknown()} when there is none. */
    public static Actor userOrUnknown(Long userId) {
        return userId == null ? UNKNOWN : user(userId);
    }

    /** Nobody known: the act came from a client that did not say, or could not prove, who it is. */
    public static Actor unknown() {
        return UNKNOWN;
    }

    /** The operator running a command of the service's command line. */
    public static Actor commandLine() {
        return COMMAND_LINE;
    }

    /** The service itself, in work no request caused. */
    public static Actor system() {
        return SYSTEM;
    }

    /** The acting user's id, the trail's actor id; empty for a named or unknown actor. */
    public Optional<Long> userId() {
        return Optional.ofNullable(userId);
    }

    /** The name of an actor that is no user; empty for a user or an unknown actor. */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Actor actor && Objects.equals(userId, actor.userId) && Objects.equals(name, actor.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(userId, name);
    }

    @Override
    public String toString() {
        return userId != null ? "user " + userId : name != null ? name : "unknown";
    }
}
