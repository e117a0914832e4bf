package io.userservice.core.port.in;

import io.userservice.core.domain.Caller;
import io.userservice.core.port.in.ImportUsersUseCase.ImportedUser;
import java.util.function.Consumer;

/**
 * Hands every user of the directory, with their password hash as stored, attributes, roles and
 * deactivation, to a sink in the shape {@link ImportUsersUseCase} takes, so another instance can
 * import them and they sign in there with the password they have. Users are read a page at a
 * time, never all at once. Only the operator (the command line) may export: the result holds
 * password hashes.
 */
public interface ExportUsersUseCase {

    /**
     * @return how many users were handed to {@code sink}
     * @throws io.userservice.core.domain.AccessDeniedException      when the caller is not the operator
     * @throws io.userservice.core.domain.ManagedByDirectoryException when the directory cannot list users
     */
    long exportUsers(Caller caller, Consumer<ImportedUser> sink);
}
