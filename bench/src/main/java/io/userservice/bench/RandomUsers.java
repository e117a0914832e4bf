package io.userservice.bench;

import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** One thread's source of users picked uniformly from the whole table. */
@State(Scope.Thread)
public class RandomUsers {

    private final SplittableRandom random = new SplittableRandom();

    String anyEmail(LoadedDatabase database) {
        return database.users.anyEmail(random);
    }
}
