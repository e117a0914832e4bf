package io.userservice.core.port.out;

import io.userservice.core.domain.OidcClient;
import java.util.List;
import java.util.Optional;

/** The registry of OpenID Connect clients, shared by every instance on one store. */
public interface OidcClientPort {

    /** Stores a new client; its id must not be taken (ids are random, so a clash is a bug). */
    void create(OidcClient client);

    Optional<OidcClient> find(String clientId);

    /** Every client, by name. */
    List<OidcClient> list();

    /** Replaces the stored client of the same id; false when there is none. */
    boolean update(OidcClient client);

    /** Deletes the client; false when there was none. */
    boolean delete(String clientId);
}
