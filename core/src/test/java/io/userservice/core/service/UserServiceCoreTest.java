package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.InMemoryUserDirectory;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.out.ServiceObserver;
import io.userservice.core.port.out.ServiceObserver.MailBacklog;
import io.userservice.core.settings.CoreSettings;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The core as an embedder sees it: a builder whose options chain, and every use case handed out. */
class UserServiceCoreTest {

    private static UserServiceCore.Builder builder() {
        return UserServiceCore.builder(CoreSettings.defaults(), InMemoryUserDirectory::new,
                InMemoryServiceState.create(), new RecordingUserNotifier()).bcryptCost(4);
    }

    private static List<Method> publicMethods(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
                .toList();
    }

    /** A value of the type for an option that is only stored, never used before {@code build}. */
    private static Object anyOf(Class<?> type) {
        if (type == String.class) {
            return "https://login.example.com";
        } else if (type == int.class) {
            return 1;
        } else if (type == Duration.class) {
            return Duration.ofMinutes(1);
        } else if (type == Clock.class) {
            return Clock.systemUTC();
        } else if (type.isInterface()) {
            return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
                throw new AssertionError("an option was used before the core was built");
            });
        }
        for (String factory : List.of("defaults", "none")) {
            try {
                return type.getMethod(factory).invoke(null);
            } catch (ReflectiveOperationException e) {
                // not this one
            }
        }
        if (type.isRecord()) {
            try {
                Class<?>[] components = Arrays.stream(type.getRecordComponents())
                        .map(RecordComponent::getType).toArray(Class<?>[]::new);
                return type.getDeclaredConstructor(components)
                        .newInstance(Arrays.stream(components).map(UserServiceCoreTest::anyOf).toArray());
            } catch (ReflectiveOperationException e) {
                throw new AssertionError("no value for an option of type " + type, e);
            }
        }
        throw new AssertionError("no value for an option of type " + type);
    }

    @Test
    void everyOptionOfTheBuilderReturnsTheBuilder() throws ReflectiveOperationException {
        UserServiceCore.Builder builder = builder();
        List<Method> options = publicMethods(UserServiceCore.Builder.class).stream()
                .filter(m -> m.getReturnType() == UserServiceCore.Builder.class).toList();

        assertThat(options).hasSizeGreaterThan(20);
        for (Method option : options) {
            Object[] arguments = Arrays.stream(option.getParameterTypes()).map(UserServiceCoreTest::anyOf).toArray();
            assertThat(option.invoke(builder, arguments)).as(option.getName()).isSameAs(builder);
        }
    }

    @Test
    void everyUseCaseIsHandedOut() throws ReflectiveOperationException {
        UserServiceCore core = new CoreFixture().core;
        List<Method> accessors = publicMethods(UserServiceCore.class).stream()
                .filter(m -> m.getParameterCount() == 0 && m.getReturnType() != void.class).toList();

        assertThat(accessors).hasSizeGreaterThan(40);
        for (Method accessor : accessors) {
            assertThat(accessor.invoke(core)).as(accessor.getName()).isNotNull();
        }
    }

    @Test
    void theHashingLimitNeedsOneHashAtATimeAndNoNegativeQueue() {
        assertThatThrownBy(() -> builder().passwordHashingLimit(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder().passwordHashingLimit(1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(builder().passwordHashingLimit(1, 0).build()).isNotNull();
    }

    @Test
    void theObserverIsGivenTheHashesInProgressAndTheMailBacklogWithOrWithoutALimit() {
        for (boolean limited : new boolean[] {false, true}) {
            AtomicReference<IntSupplier> hashes = new AtomicReference<>();
            AtomicReference<Supplier<MailBacklog>> backlog = new AtomicReference<>();
            UserServiceCore.Builder builder = builder().observer(new ServiceObserver() {
                @Override
                public void watch(IntSupplier passwordHashesInProgress, Supplier<MailBacklog> mailBacklog) {
                    hashes.set(passwordHashesInProgress);
                    backlog.set(mailBacklog);
                }
            });
            (limited ? builder.passwordHashingLimit(2, 4) : builder).build();

            assertThat(hashes.get().getAsInt()).as("limited: " + limited).isZero();
            assertThat(backlog.get().get().pending()).as("limited: " + limited).isZero();
        }
    }

    @Test
    void theLongestTokenLifetimeIsThatOfPlainOrOfPortalTokensWhicheverIsLonger() {
        CoreSettings d = CoreSettings.defaults();
        CoreSettings longPlain = new CoreSettings(d.requireConfirmation(), Duration.ofHours(3), d.refreshTokenTtl(),
                d.refreshReuseGrace(), d.confirmationCodeTtl(), d.resetCodeTtl(), d.passwordPolicy(),
                d.portalSessionTtl(), d.sessionMaxLifetime(), Duration.ofHours(2));

        assertThat(UserServiceCore.longestTokenLifetime(d)).isEqualTo(Duration.ofHours(1));
        assertThat(UserServiceCore.longestTokenLifetime(longPlain)).isEqualTo(Duration.ofHours(3));
    }
}
