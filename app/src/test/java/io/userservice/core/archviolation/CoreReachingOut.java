package io.userservice.core.archviolation;

import io.userservice.jdbc.JdbcSettings;
import jakarta.ws.rs.Path;

/** Deliberately breaks the core's boundaries, so the architecture rules can be seen to catch it. */
@Path("/not-in-core")
public class CoreReachingOut {

    public JdbcSettings settings() {
        return new JdbcSettings("jdbc:h2:mem:x", "sa", "", 1);
    }
}
