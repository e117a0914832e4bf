package io.userservice.app;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/** Typed reading of {@code USERSVC_…} settings; every failure names the setting. */
final class Settings {

    private final Map<String, String> values;

    Settings(Map<String, String> values) {
        this.values = values;
    }

    /** Every setting, as given. */
    Map<String, String> all() {
        return Map.copyOf(values);
    }

    String text(String name, String fallback) {
        String value = values.get(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    String optional(String name) {
        return text(name, null);
    }

    int integer(String name, int fallback, int min, int max) {
        String value = optional(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new ConfigException(name + " must be between " + min + " and " + max + ", not " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number, not '" + value + "'");
        }
    }

    boolean bool(String name, boolean fallback) {
        String value = optional(name);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new ConfigException(name + " must be true or false, not '" + value + "'");
        };
    }

    Duration duration(String name, Duration fallback, boolean zeroAllowed) {
        String value = optional(name);
        if (value == null) {
            return fallback;
        }
        try {
            Duration parsed = Duration.parse(value);
            if (parsed.isNegative() || (!zeroAllowed && parsed.isZero())) {
                throw new ConfigException(name + " must be " + (zeroAllowed ? "zero or positive" : "positive")
                        + ", not " + value);
            }
            return parsed;
        } catch (DateTimeParseException e) {
            throw new ConfigException(name + " must be an ISO-8601 duration such as PT15M or P30D, not '" + value + "'");
        }
    }
}
