package io.userservice.core.port.in;

import io.userservice.core.domain.AuditEvent;
import java.util.List;

/** Pages through the audit trail, newest first; only for callers holding {@code admin}. */
public interface ListAuditEventsUseCase {

    int MAX_PAGE_SIZE = 200;

    /** @throws io.userservice.core.domain.AccessDeniedException when the caller is not an admin */
    List<AuditEvent> list(long callerId, int offset, int limit);
}
