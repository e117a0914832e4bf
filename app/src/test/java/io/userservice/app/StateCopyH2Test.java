package io.userservice.app;

import java.util.Map;
import java.util.UUID;

/** Two instances on one H2 database (in memory, shared by both in this JVM), following the change counter. */
class StateCopyH2Test extends StateCopyScaleOut {

    @Override
    protected Map<String, String> database() {
        return Map.of("USERSVC_DB_URL", "jdbc:h2:mem:copy-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @Override
    protected String name() {
        return "H2 (change counter polled)";
    }
}
