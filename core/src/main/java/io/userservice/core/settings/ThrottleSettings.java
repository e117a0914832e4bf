package io.userservice.core.settings;

import java.time.Duration;
import java.util.Objects;

/**
 * How many attempts of each kind are allowed per fixed window before the service answers
 * "too many requests". Per-address limits apply only when the caller's client address is known;
 * per-account limits count the normalized email as typed, whether or not an account has it.
 *
 * @param failedSignInsPerAccount failed sign-ins (any channel) for one email
 * @param failedSignInsPerAddress failed sign-ins (any channel) from one client address
 * @param codeAttemptsPerAddress  confirmation- and reset-code attempts from one client address
 * @param resetRequestsPerAccount password reset requests for one email
 * @param resetRequestsPerAddress password reset requests from one client address
 * @param registrationsPerAddress registrations from one client address
 * @param existsChecksPerAddress  "does this email exist" questions from one client address
 * @param ipv6PrefixLength        an IPv6 client is counted by its network of this many leading bits
 *                                (32 to 128; 64 by default), an IPv4 client by its address
 */
public record ThrottleSettings(Limit failedSignInsPerAccount, Limit failedSignInsPerAddress,
                               Limit codeAttemptsPerAddress, Limit resetRequestsPerAccount,
                               Limit resetRequestsPerAddress, Limit registrationsPerAddress,
                               Limit existsChecksPerAddress, int ipv6PrefixLength) {

    /** The default IPv6 prefix length: the network one subscriber usually holds. */
    public static final int DEFAULT_IPV6_PREFIX_LENGTH = 64;

    /** The limits with IPv6 clients counted by their /64. */
    public ThrottleSettings(Limit failedSignInsPerAccount, Limit failedSignInsPerAddress,
                            Limit codeAttemptsPerAddress, Limit resetRequestsPerAccount,
                            Limit resetRequestsPerAddress, Limit registrationsPerAddress,
                            Limit existsChecksPerAddress) {
        this(failedSignInsPerAccount, failedSignInsPerAddress, codeAttemptsPerAddress, resetRequestsPerAccount,
                resetRequestsPerAddress, registrationsPerAddress, existsChecksPerAddress, DEFAULT_IPV6_PREFIX_LENGTH);
    }

    public ThrottleSettings {
        if (ipv6PrefixLength < 32 || ipv6PrefixLength > 128) {
            throw new IllegalArgumentException("the IPv6 prefix length is between 32 and 128");
        }
        Objects.requireNonNull(failedSignInsPerAccount, "failedSignInsPerAccount");
        Objects.requireNonNull(failedSignInsPerAddress, "failedSignInsPerAddress");
        Objects.requireNonNull(codeAttemptsPerAddress, "codeAttemptsPerAddress");
        Objects.requireNonNull(resetRequestsPerAccount, "resetRequestsPerAccount");
        Objects.requireNonNull(resetRequestsPerAddress, "resetRequestsPerAddress");
        Objects.requireNonNull(registrationsPerAddress, "registrationsPerAddress");
        Objects.requireNonNull(existsChecksPerAddress, "existsChecksPerAddress");
    }

    /**
     * At most {@code max} attempts per {@code window}; the window is at least one second and at
     * most one day, so no limit locks anyone out for longer.
     */
    public record Limit(int max, Duration window) {
        public Limit {
            if (max < 1) {
                throw new IllegalArgumentException("a limit allows at least one attempt");
            }
            if (window == null || window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("a limit's window is between one second and one day");
            }
        }

        /** Parses {@code max/ISO-8601-duration}, e.g. {@code 10/PT15M}. */
        public static Limit parse(String text) {
            int slash = text == null ? -1 : text.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("expected count/duration such as 10/PT15M");
            }
            try {
                return new Limit(Integer.parseInt(text.substring(0, slash).strip()),
                        Duration.parse(text.substring(slash + 1).strip()));
            } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("expected count/duration such as 10/PT15M");
            }
        }

        @Override
        public String toString() {
            return max + "/" + window;
        }
    }

    /**
     * 10 failed sign-ins per account and 100 per address in 15 minutes, 30 code attempts per
     * address in 15 minutes, 5 reset requests per account and 20 per address in an hour, 20
     * registrations per address in an hour, 100 existence checks per address in 15 minutes.
     */
    public ThrottleSettings withIpv6PrefixLength(int value) {
        return new ThrottleSettings(failedSignInsPerAccount, failedSignInsPerAddress, codeAttemptsPerAddress,
                resetRequestsPerAccount, resetRequestsPerAddress, registrationsPerAddress, existsChecksPerAddress,
                value);
    }

    public static ThrottleSettings defaults() {
        Duration quarter = Duration.ofMinutes(15);
        Duration hour = Duration.ofHours(1);
        return new ThrottleSettings(new Limit(10, quarter), new Limit(100, quarter), new Limit(30, quarter),
                new Limit(5, hour), new Limit(20, hour), new Limit(20, hour), new Limit(100, quarter));
    }
}
