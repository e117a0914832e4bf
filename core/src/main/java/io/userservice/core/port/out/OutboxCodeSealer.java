package io.userservice.core.port.out;

import io.userservice.core.port.KeyEncryptionException;

/**
 * Seals the codes that wait in the mail outbox, so that the outbox (and every backup of it) holds
 * no usable code, and opens them when the mail is delivered. A sealed code is bound to its mail's
 * message key: copied to another mail, it does not open. Implementations are stateless for the
 * caller and safe to use from any number of threads at once.
 */
public interface OutboxCodeSealer {

    /** The code as the outbox keeps it for the mail with this message key: sealed, or unchanged when sealing is off. */
    String sealCode(String messageKey, String code);

    /**
     * The plain code of what the outbox keeps for the mail with this message key. A code kept in
     * plain text (stored before sealing was turned on) is returned as it is.
     *
     * @throws KeyEncryptionException when the code is sealed and cannot be opened: no key, another
     *                                key, or a code sealed for another mail
     */
    String openCode(String messageKey, String stored);
}
