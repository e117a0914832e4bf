package io.userservice.core.port.in;

import io.userservice.core.domain.Caller;
import io.userservice.core.domain.User;
import java.util.List;
import java.util.Objects;

/**
 * Finds users by the start of their email or name, case-insensitively, a page at a time, for
 * administrators acting with their own credential. Paging is by keyset: {@code next} names the
 * last user of the page, so a listing neither skips nor repeats users when others come or go.
 */
public interface SearchUsersUseCase {

    /** The fewest and most users one page holds. */
    int MIN_LIMIT = 1;
    int MAX_LIMIT = 200;

    /**
     * @throws io.userservice.core.domain.AccessDeniedException  when the caller is not an admin
     * @throws io.userservice.core.domain.InvalidInputException  ({@code invalid_page}) for a limit outside
     *                                                           1 to 200 or a cursor this service did not make
     */
    Page search(Command command);

    /**
     * @param query  the start of an email, first or last name; {@code %} and {@code _} are plain
     *               characters; null or empty matches everyone
     * @param cursor the {@code next} of the previous page, or null for the first
     */
    record Command(Caller caller, String query, int limit, String cursor) {
        public Command {
            Objects.requireNonNull(caller, "caller");
        }
    }

    /** @param next the cursor of the following page, or null when this is the last */
    record Page(List<User> users, String next) {
    }
}
