package io.userservice.core.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * The network address a request came from, as the HTTP adapter determined it (the socket's peer,
 * or the forwarded client behind a trusted proxy), or {@link #unknown()} when the caller has none,
 * as in embedded use or at the command line. A known address is counted by the per-address limits
 * and recorded in the audit trail; an unknown one is neither, and a caller must say so explicitly.
 *
 * <p>The text is kept as given, without its surrounding blanks, because the audit trail stores it
 * as the adapter saw it.
 */
public final class ClientAddress {

    /** The longest address the audit trail stores (an IPv6 literal with a zone fits easily). */
    public static final int MAX_LENGTH = 64;

    private static final ClientAddress UNKNOWN = new ClientAddress(null);

    private final String value;

    private ClientAddress(String value) {
        this.value = value;
    }

    /**
     * A known address.
     *
     * @throws IllegalArgumentException when the text is null, blank, longer than {@link #MAX_LENGTH}
     *                                  or holds blanks or control characters inside
     */
    public static ClientAddress of(String address) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException(
                    "a client address is required; use ClientAddress.unknown() when there is none");
        }
        String stripped = address.strip();
        if (stripped.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a client address has at most " + MAX_LENGTH + " characters");
        }
        if (stripped.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("a client address holds no blanks or control characters");
        }
        return new ClientAddress(stripped);
    }

    /** No address is known: per-address limits do not apply and the trail records none. */
    public static ClientAddress unknown() {
        return UNKNOWN;
    }

    /** The address as text; empty when it is unknown. */
    public Optional<String> value() {
        return Optional.ofNullable(value);
    }

    public boolean isKnown() {
        return value != null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClientAddress address && Objects.equals(value, address.value);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(value);
    }

    @Override
    public String toString() {
        return value != null ? value : "unknown";
    }
}
