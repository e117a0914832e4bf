package io.userservice.core.port.in;

import io.userservice.core.domain.AuditEntry;
import io.userservice.core.domain.Caller;
import java.util.List;

/**
 * Pages through the audit trail, newest first; only for callers holding {@code admin}, with their
 * own credential.
 */
public interface ListAuditEventsUseCase {

    int MAX_PAGE_SIZE = 200;

    /**
     * At most {@code limit} (1 to {@value #MAX_PAGE_SIZE}) events, newest first; with
     * {@code beforeId}, only those older than that event (the cursor for the next page is the id
     * of the last event of a page).
     *
     * @throws io.userservice.core.domain.AccessDeniedException when the caller is not an admin
     * @throws io.userservice.core.domain.InvalidInputException  for a bad limit or cursor
     */
    List<AuditEntry> list(Command command);

    /** @param beforeId the cursor, or null for the newest page */
    record Command(Caller caller, Long beforeId, int limit) {
    }
}
