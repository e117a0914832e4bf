package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.jdbc.JdbcSettings;
import org.junit.jupiter.api.Test;

/** An embedded H2 database is closed by the server after its last request, not by H2 at JVM exit. */
class ServerDatabaseClosingTest {

    @Test
    void anH2UrlLeavesClosingToTheServer() {
        JdbcSettings settings = new JdbcSettings("jdbc:h2:file:./data/user-service;AUTO_SERVER=FALSE", "sa", "pw", 8);

        JdbcSettings served = UserServiceServer.closedByTheServer(settings);

        assertThat(served).isEqualTo(new JdbcSettings(
                "jdbc:h2:file:./data/user-service;AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE", "sa", "pw", 8));
        assertThat(UserServiceServer.closedByTheServer(new JdbcSettings("JDBC:H2:mem:x", null, null, 1)).url())
                .isEqualTo("JDBC:H2:mem:x;DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void anOperatorsOwnChoiceAndOtherDatabasesAreLeftAsGiven() {
        for (String url : new String[] {"jdbc:h2:file:./data/x;db_close_on_exit=TRUE", "jdbc:h2:mem:x;DB_CLOSE_ON_EXIT=FALSE",
                "jdbc:postgresql://127.0.0.1:5432/test", "jdbc:mariadb://127.0.0.1:3306/test"}) {
            JdbcSettings settings = new JdbcSettings(url, "u", "p", 4);
            assertThat(UserServiceServer.closedByTheServer(settings)).as(url).isSameAs(settings);
        }
    }
}
