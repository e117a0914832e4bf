package io.userservice.core.service;

import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.AccountState;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.Role;
import io.userservice.core.port.in.ExportUsersUseCase;
import io.userservice.core.port.in.ImportUsersUseCase.ImportedUser;
import io.userservice.core.port.out.AccountStatePort;
import io.userservice.core.port.out.DirectoryCapability;
import io.userservice.core.port.out.UserAttributesPort;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Pages through the directory in its fixed order ({@link io.userservice.core.port.out.UserDirectory#search}
 * with an empty prefix), so users added or removed meanwhile are neither repeated nor make others
 * skipped. A user whose hash the directory does not keep is left out: without one they could not
 * sign in on the other side.
 */
final class ExportUsersService implements ExportUsersUseCase {

    static final int PAGE = 500;

    private final Users users;
    private final AccountStatePort accounts;
    private final UserAttributesPort attributes;

    ExportUsersService(Users users, AccountStatePort accounts, UserAttributesPort attributes) {
        this.users = users;
        this.accounts = accounts;
        this.attributes = attributes;
    }

    @Override
    public long exportUsers(Caller caller, Consumer<ImportedUser> sink) {
        if (!caller.isOperator()) {
            throw new AccessDeniedException("Exporting users with their password hashes is for the operator only.");
        }
        users.require(DirectoryCapability.SEARCH, "listing users");
        long count = 0;
        String after = null;
        while (true) {
            List<DirectoryUser> page = users.directory().search("", after, PAGE);
            for (DirectoryUser user : page) {
                String hash = users.directory().passwordHash(user.key()).orElse(null);
                if (hash == null) {
                    continue;
                }
                long id = users.idOf(user);
                AccountState state = accounts.stateOf(id);
                TreeSet<String> roles = new TreeSet<>();
                user.roles().forEach(role -> roles.add(role.name()));
                state.roles().stream().map(Role::name).forEach(roles::add);
                sink.accept(new ImportedUser(user.email().value(), hash, user.firstname(), user.lastname(),
                        user.language(), user.confirmed(), attributes.attributesOf(id), List.copyOf(roles),
                        state.deactivatedAt() != null));
                count++;
            }
            if (page.size() < PAGE) {
                return count;
            }
            after = page.get(page.size() - 1).key();
        }
    }
}
