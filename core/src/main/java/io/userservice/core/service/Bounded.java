package io.userservice.core.service;

import java.util.Iterator;
import java.util.Set;

/** The one rule by which this instance's in-memory copies stay within their capacity. */
final class Bounded {

    private Bounded() {
    }

    /**
     * Before one more key is added: when {@code keys} (a concurrent map's key set, or a concurrent
     * set) already holds {@code capacity}, drops about a tenth of them, whichever come first.
     */
    static void makeRoom(Set<?> keys, int capacity) {
        if (keys.size() < capacity) {
            return;
        }
        int drop = Math.max(1, capacity / 10);
        Iterator<?> some = keys.iterator();
        while (drop-- > 0 && some.hasNext()) {
            some.next();
            some.remove();
        }
    }
}
