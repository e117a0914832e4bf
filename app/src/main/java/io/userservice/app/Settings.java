package io.userservice.app;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Typed reading of {@code USERSVC_…} settings; every failure names the setting. Every setting
 * the server reads goes through here, which remembers its name and effective value (given or
 * default): {@code config check} prints them, and a test holds them against the README's table.
 */
final class Settings {

    private final Map<String, String> values;
    private final Map<String, String> effective = Collections.synchronizedMap(new TreeMap<>());

    Settings(Map<String, String> values) {
        this.values = values;
    }

    /** The settings read so far, by name, with their effective values ({@code null}: unset, no default). */
    Map<String, String> effective() {
        synchronized (effective) {
            return Collections.unmodifiableMap(new TreeMap<>(effective));
        }
    }

    /** Every setting, as given. */
    Map<String, String> all() {
        return Map.copyOf(values);
    }

    String text(String name, String fallback) {
        String value = values.get(name);
        String result = value == null || value.isBlank() ? fallback : value.strip();
        effective.put(name, result);
        return result;
    }

    String optional(String name) {
        return text(name, null);
    }

    int integer(String name, int fallback, int min, int max) {
        String value = optional(name);
        if (value == null) {
            effective.put(name, String.valueOf(fallback));
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
            effective.put(name, String.valueOf(fallback));
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
            effective.put(name, fallback == null ? null : fallback.toString());
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
