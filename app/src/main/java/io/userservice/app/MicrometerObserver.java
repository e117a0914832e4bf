package io.userservice.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.userservice.core.port.out.ServiceObserver;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's observations as Micrometer meters, named as the README's metrics table lists them.
 * Every label value is an enum constant of {@link ServiceObserver}, so no email, id, address or
 * token can become one; every series exists from the start (at zero).
 */
final class MicrometerObserver implements ServiceObserver {

    private static final Logger LOG = LoggerFactory.getLogger(MicrometerObserver.class);

    private final MeterRegistry registry;
    private final Map<SignInChannel, Map<SignInOutcome, Counter>> signIns = new EnumMap<>(SignInChannel.class);
    private final Map<RegistrationOutcome, Counter> registrations;
    private final Map<RefreshOutcome, Counter> refreshes;
    private final Map<TokenKind, Counter> tokens;
    private final Map<ThrottleLimit, Counter> refusals;
    private final Map<MailOutcome, Counter> mails;
    private final Timer passwordHashes;

    MicrometerObserver(MeterRegistry registry) {
        this.registry = registry;
        for (SignInChannel channel : SignInChannel.values()) {
            Map<SignInOutcome, Counter> byOutcome = new EnumMap<>(SignInOutcome.class);
            for (SignInOutcome outcome : SignInOutcome.values()) {
                byOutcome.put(outcome, Counter.builder("usersvc.signins").description("sign-ins by channel and outcome")
                        .tag("channel", ServiceObserver.label(channel)).tag("outcome", ServiceObserver.label(outcome))
                        .register(registry));
            }
            signIns.put(channel, byOutcome);
        }
        registrations = counters(RegistrationOutcome.class, "usersvc.registrations", "outcome", "registrations by outcome");
        refreshes = counters(RefreshOutcome.class, "usersvc.refresh", "outcome", "refresh-token exchanges by outcome");
        tokens = counters(TokenKind.class, "usersvc.tokens.issued", "kind", "tokens issued by kind");
        refusals = counters(ThrottleLimit.class, "usersvc.throttle.refusals", "limit", "requests refused by a throttle limit");
        mails = counters(MailOutcome.class, "usersvc.mail.sent", "outcome", "mail delivery attempts by outcome");
        passwordHashes = Timer.builder("usersvc.password.hash").description("time to hash or check one password")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
    }

    private <E extends Enum<E>> Map<E, Counter> counters(Class<E> type, String name, String tag, String description) {
        Map<E, Counter> result = new EnumMap<>(type);
        for (E value : type.getEnumConstants()) {
            result.put(value, Counter.builder(name).description(description).tag(tag, ServiceObserver.label(value))
                    .register(registry));
        }
        return result;
    }

    @Override
    public void signIn(SignInChannel channel, SignInOutcome outcome) {
        signIns.get(channel).get(outcome).increment();
    }

    @Override
    public void registration(RegistrationOutcome outcome) {
        registrations.get(outcome).increment();
    }

    @Override
    public void refresh(RefreshOutcome outcome) {
        refreshes.get(outcome).increment();
    }

    @Override
    public void tokenIssued(TokenKind kind) {
        tokens.get(kind).increment();
    }

    @Override
    public void passwordHashed(Duration took) {
        passwordHashes.record(took);
    }

    @Override
    public void throttled(ThrottleLimit limit) {
        refusals.get(limit).increment();
    }

    @Override
    public void mailDelivered(MailOutcome outcome) {
        mails.get(outcome).increment();
    }

    @Override
    public void watch(IntSupplier passwordHashesInProgress, Supplier<MailBacklog> mailBacklog) {
        Gauge.builder("usersvc.password.hash.queue", passwordHashesInProgress, IntSupplier::getAsInt)
                .description("password hashes running or waiting for a hashing slot").strongReference(true)
                .register(registry);
        Gauge.builder("usersvc.mail.outbox.pending", mailBacklog, backlog -> read(backlog, false))
                .description("mails waiting in the outbox").strongReference(true).register(registry);
        Gauge.builder("usersvc.mail.oldest.pending", mailBacklog, backlog -> read(backlog, true))
                .description("age of the oldest mail waiting in the outbox").baseUnit("seconds")
                .strongReference(true).register(registry);
    }

    /** NaN (no sample) while the database cannot be read: a scrape never fails for it. */
    private static double read(Supplier<MailBacklog> backlog, boolean age) {
        try {
            MailBacklog now = backlog.get();
            return age ? now.oldestPendingAge().toMillis() / 1000.0 : now.pending();
        } catch (RuntimeException e) {
            LOG.debug("mail outbox backlog unreadable: {}", e.toString());
            return Double.NaN;
        }
    }
}
