package io.userservice.core.port.out;

import java.util.Optional;

/**
 * Numeric ids for the users of a directory that has none of its own (an LDAP directory, most
 * customers' directories), so that the native API can keep its numeric {@code id} and the
 * service's state can refer to every user alike.
 */
public interface UserIdentitiesPort {

    /**
     * The id of the user with this key in this directory, assigned at the first call and the same
     * ever after. Of concurrent first calls for one key, on any number of instances, all get the
     * same id.
     */
    long idOf(String directory, String key);

    /** The key of the user with this id in this directory, if one was assigned. */
    Optional<String> keyOf(String directory, long id);

    /**
     * Records that this state belongs to the users of {@code directory}; refuses (with an
     * {@link IllegalStateException} naming both) when it belongs to another directory's users,
     * whose ids the other directory's would collide with.
     */
    void bindTo(String directory);
}
