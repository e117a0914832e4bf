package io.userservice.core.port.in;

import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.Passkey;
import java.util.List;

/**
 * A signed-in user lists, renames and removes their own passkeys. A passkey id that is not the
 * caller's is answered as one that does not exist. A token minted on the user's behalf by someone
 * else may list but not change them.
 */
public interface ManagePasskeysUseCase {

    /** The caller's passkeys, oldest first. */
    List<Passkey> list(Caller caller);

    /**
     * @throws io.userservice.core.domain.NotFoundException     (code {@code passkey_not_found})
     * @throws io.userservice.core.domain.InvalidInputException (code {@code invalid_name})
     */
    Passkey rename(Caller caller, String passkeyId, String name, ClientAddress clientAddress);

    /** @throws io.userservice.core.domain.NotFoundException (code {@code passkey_not_found}) */
    void delete(Caller caller, String passkeyId, ClientAddress clientAddress);
}
