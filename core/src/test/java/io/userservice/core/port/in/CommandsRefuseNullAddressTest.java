package io.userservice.core.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.domain.Actor;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.SessionClient;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A command without a client address does not silently turn the per-address limits off: the
 * caller must say {@link ClientAddress#unknown()}, and null is refused on construction.
 */
class CommandsRefuseNullAddressTest {

    @Test
    void everyCommandWithAClientAddressRefusesNull() throws Exception {
        List<Class<?>> commands = commandsWith(ClientAddress.class);
        assertThat(commands).as("commands carrying a client address").hasSizeGreaterThan(30);
        for (Class<?> command : commands) {
            assertThatThrownBy(() -> constructWithNulls(command)).as(command.getName())
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("clientAddress");
        }
    }

    @Test
    void commandsThatCarryTheWholeClientOrAnActorRefuseNullToo() throws Exception {
        assertThat(commandsWith(SessionClient.class)).containsExactlyInAnyOrder(ChangePasswordUseCase.Command.class,
                SignInWithPasskeyUseCase.Command.class);
        assertThatThrownBy(() -> new ChangePasswordUseCase.Command(Caller.user(1), "old secret", "new secret", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("client");
        assertThatThrownBy(() -> new SignInWithPasskeyUseCase.Command("{}", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("client");
        assertThatThrownBy(() -> new RevokeSigningKeyUseCase.Command("k1", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("actor");
        assertThat(new RevokeSigningKeyUseCase.Command("k1", Actor.commandLine()).actor())
                .isEqualTo(Actor.commandLine());
    }

    @Test
    void anExplicitlyUnknownAddressIsAccepted() {
        assertThat(new LogInUseCase.Command("ann@example.com", "secret", ClientAddress.unknown()).clientAddress()
                .isKnown()).isFalse();
        assertThat(new UserExistsUseCase.Command("ann@example.com", ClientAddress.of("192.0.2.7")).clientAddress()
                .value()).contains("192.0.2.7");
    }

    private static List<Class<?>> commandsWith(Class<?> type) throws IOException, URISyntaxException {
        Path folder = Path.of(LogInUseCase.class.getResource("LogInUseCase.class").toURI()).getParent();
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".class") && name.contains("$"))
                    .<Class<?>>map(name -> load(LogInUseCase.class.getPackageName() + "." + name.replace(".class", "")))
                    .filter(Class::isRecord)
                    .filter(record -> Arrays.stream(record.getRecordComponents())
                            .anyMatch(component -> component.getType() == type))
                    .toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void constructWithNulls(Class<?> record) throws Throwable {
        RecordComponent[] components = record.getRecordComponents();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Constructor<?> canonical = record.getDeclaredConstructor(types);
        Object[] values = Arrays.stream(types).map(CommandsRefuseNullAddressTest::neutral).toArray();
        try {
            canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Object neutral(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return null;
    }
}
