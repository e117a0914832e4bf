package io.userservice.core.service;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** Space-separated lists of the protocol (scopes, prompts), in the order sent, without repeats. */
final class OidcScopes {

    private OidcScopes() {
    }

    static Set<String> parse(String text) {
        Set<String> values = new LinkedHashSet<>();
        if (text != null) {
            Arrays.stream(text.split(" ")).filter(v -> !v.isEmpty()).forEach(values::add);
        }
        return values;
    }

    /** The scopes of {@code text} that {@code allowed} still holds, in their order, space-separated. */
    static String within(String text, Set<String> allowed) {
        Set<String> kept = parse(text);
        kept.retainAll(allowed);
        return String.join(" ", kept);
    }
}
