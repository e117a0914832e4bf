package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code webhooks list|create|delete|deliveries} on the configured database, with the API's rules. */
class WebhookCommandTest {

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(Map<String, String> environment, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Cli.run(environment, new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void createsListsShowsAndDeletesReceivers(@TempDir Path dir) {
        Map<String, String> environment = Map.of("USERSVC_DB_URL", "jdbc:h2:file:" + dir.resolve("db"),
                "USERSVC_BCRYPT_COST", "4");

        assertThat(run(environment, "webhooks", "list")).isZero();
        assertThat(out.toString()).contains("no webhook receivers");

        assertThat(run(environment, "webhooks", "create", "https://hooks.example.com/in", "--event",
                "user.created,role.granted", "-e", "user.deactivated", "--description", "CRM")).isZero();
        Matcher created = Pattern.compile("id: (\\S+)\\R+secret: (whsec_\\S+)").matcher(out.toString());
        assertThat(created.find()).as(out.toString()).isTrue();
        String id = created.group(1);

        assertThat(run(environment, "webhooks", "list")).isZero();
        assertThat(out.toString()).contains(id + " https://hooks.example.com/in role.granted,user.created,"
                + "user.deactivated (CRM)").doesNotContain(created.group(2).substring(6));
        assertThat(run(environment, "webhooks", "deliveries", id)).isZero();

        assertThat(run(environment, "webhooks", "create", "http://127.0.0.1/admin", "-e", "user.created"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("internal network").hasLineCount(1);
        assertThat(run(environment, "webhooks", "create", "https://hooks.example.com/", "-e", "user.hacked"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("user.hacked").hasLineCount(1);
        assertThat(run(environment, "webhooks", "create", "https://hooks.example.com/")).isEqualTo(2);
        assertThat(err.toString()).contains("--event").hasLineCount(1);

        assertThat(run(environment, "webhooks", "delete", id)).isZero();
        assertThat(run(environment, "webhooks", "delete", id)).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("user-service: There is no webhook with this id."
                + System.lineSeparator());
        assertThat(run(environment, "webhooks", "deliveries", id)).isEqualTo(1);
    }
}
