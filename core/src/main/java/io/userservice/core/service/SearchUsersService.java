package io.userservice.core.service;

import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.SearchUsersUseCase;
import io.userservice.core.port.out.DirectoryCapability;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The cursor is the directory key of the page's last user, base64url-encoded so clients treat it
 * as opaque; one more user than asked is fetched to know whether a next page exists.
 */
final class SearchUsersService implements SearchUsersUseCase {

    /** The longest query: an email is at most 254 characters. */
    static final int MAX_QUERY_LENGTH = 254;

    private final Users users;
    private final Administrators administrators;

    SearchUsersService(Users users, Administrators administrators) {
        this.users = users;
        this.administrators = administrators;
    }

    @Override
    public Page search(Command command) {
        administrators.require(AuditAction.USERS_SEARCHED, command.caller(), null, ClientAddress.unknown(),
                "caller is not an admin",
                "Searching users needs role admin.");
        users.require(DirectoryCapability.SEARCH, "user search");
        if (command.limit() < MIN_LIMIT || command.limit() > MAX_LIMIT) {
            throw new InvalidInputException("invalid_page", "limit",
                    "limit must be between " + MIN_LIMIT + " and " + MAX_LIMIT + ".");
        }
        String query = command.query() == null ? "" : command.query().strip();
        if (query.length() > MAX_QUERY_LENGTH || query.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("invalid_query", "query", "The query is too long or not text.");
        }
        List<DirectoryUser> found = users.directory().search(query, keyOf(command.cursor()), command.limit() + 1);
        boolean more = found.size() > command.limit();
        List<DirectoryUser> page = more ? found.subList(0, command.limit()) : found;
        String next = more ? cursorOf(page.get(page.size() - 1).key()) : null;
        return new Page(users.withStates(page), next);
    }

    private static String cursorOf(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String keyOf(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!key.isEmpty() && key.length() <= 512 && cursor.equals(cursorOf(key))) {
                return key;
            }
        } catch (IllegalArgumentException e) {
            // not base64url: answered below
        }
        throw new InvalidInputException("invalid_page", "cursor", "cursor must be the next of an earlier page.");
    }
}
