package io.userservice.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.contract.UserDirectoryContract;
import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.Email;
import io.userservice.core.port.out.UserDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Many sign-ins at once, more than the pools hold: each gets the answer it would get alone. */
class ConcurrentChecksTest {

    @Test
    void concurrentChecksOfRightAndWrongPasswordsAnswerAsAlone() throws Exception {
        try (ExampleDirectory server = ExampleDirectory.start()) {
            java.util.Map<String, String> settings = server.settings();
            settings.put("USERSVC_LDAP_POOL_SIZE", "3");
            UserDirectory directory = server.open(settings, java.time.Clock.systemUTC());
            DirectoryUser ann = directory.findByEmail(Email.of("ann@example.com")).orElseThrow();
            DirectoryUser bob = directory.findByEmail(Email.of("bob@example.com")).orElseThrow();
            ExecutorService threads = Executors.newFixedThreadPool(16);
            try {
                List<Future<String>> answers = new ArrayList<>();
                for (int i = 0; i < 800; i++) {
                    int n = i;
                    answers.add(threads.submit(() -> {
                        DirectoryUser user = n % 2 == 0 ? ann : bob;
                        String right = n % 2 == 0 ? UserDirectoryContract.ANN.password()
                                : UserDirectoryContract.BOB.password();
                        boolean wrongOne = n % 5 == 0;
                        boolean answer = directory.checkPassword(user, wrongOne ? right + "x" : right);
                        return answer == !wrongOne ? "as alone" : "check " + n + " answered " + answer;
                    }));
                }
                for (Future<String> answer : answers) {
                    assertThat(answer.get()).isEqualTo("as alone");
                }
            } finally {
                threads.shutdownNow();
                ((AutoCloseable) directory).close();
            }
        }
    }
}
