package io.userservice.core.port.in;

import io.userservice.core.domain.SigningKeyStatus;
import java.util.List;

/** Every stored signing key, oldest first, for the operator; never a private key. */
public interface ListSigningKeysUseCase {

    List<SigningKeyStatus> list();
}
