package io.userservice.core.port.in;

/** The public keys that verify this service's tokens. */
public interface PublishKeysUseCase {

    /** A JSON Web Key Set document. */
    String publicKeySetJson();
}
