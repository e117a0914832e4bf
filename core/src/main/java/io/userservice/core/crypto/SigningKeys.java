package io.userservice.core.crypto;

import io.userservice.core.domain.SigningKeyStatus;
import io.userservice.core.port.out.SigningKeyPort;
import io.userservice.core.port.out.SigningKeyPort.StoredKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.lang.JoseException;

/**
 * The signing keys of every instance, read from the shared store. The newest key that is not
 * retired signs. A retired key still verifies, and stays published, for {@code retention} after
 * its retirement (the longest lifetime of a token it can have signed, plus the time other
 * instances need to notice the rotation); after that it is neither published nor accepted.
 *
 * <p>The store is re-read every {@link #REFRESH_INTERVAL}, and sooner (at most once per
 * {@link #RELOAD_INTERVAL}) when a token names a key id this instance has not seen, so keys added
 * or rotated by another instance are picked up and all instances converge on one signing key. A
 * revoked key is dropped at the next read, wherever it was revoked; each read that drops a key
 * raises the {@link #generation()}, so remembered verifications can be forgotten.
 *
 * <p>With a key-encryption key, private keys are stored sealed. Keys stored in plain text are
 * sealed at the start only while no key is sealed yet (encryption being turned on); once one is,
 * a plain-text key in the store is refused, never loaded, since only someone writing to the
 * database behind the service's back can have put it there.
 */
final class SigningKeys {

    static final int RSA_BITS = 2048;
    private static final Duration RELOAD_INTERVAL = Duration.ofSeconds(10);
    static final Duration REFRESH_INTERVAL = Duration.ofSeconds(60);
    private static final System.Logger LOG = System.getLogger(SigningKeys.class.getName());
    private static final AtomicBoolean WARNED_PLAINTEXT = new AtomicBoolean();

    private final SigningKeyPort store;
    private final Clock clock;
    private final KeyEncryption encryption;
    private final Duration retention;
    private final SecureRandomSecretGenerator ids = new SecureRandomSecretGenerator();
    private volatile Snapshot snapshot;
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    /** A usable key and the instant from which it is no longer accepted ({@code null}: current). */
    private record Entry(RsaJsonWebKey key, Instant acceptedUntil) {
        boolean acceptedAt(Instant now) {
            return acceptedUntil == null || now.isBefore(acceptedUntil);
        }
    }

    private record Snapshot(Map<String, Entry> byId, RsaJsonWebKey active, Instant loadedAt) {
    }

    SigningKeys(SigningKeyPort store, Clock clock, KeyEncryption encryption, Duration retention) {
        this.store = store;
        this.clock = clock;
        this.encryption = encryption;
        this.retention = retention.plus(REFRESH_INTERVAL);
        if (encryption.enabled()) {
            sealPlaintextKeys();
        } else if (WARNED_PLAINTEXT.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, encryption.keyName() + " is not set: private signing keys"
                    + " are stored unencrypted in the database");
        }
        this.snapshot = load();
        if (snapshot.active() == null) {
            store.add(generate());
            this.snapshot = load();
        }
    }

    /** Raised whenever a read of the store drops a key that was accepted before. */
    long generation() {
        current();
        return generation.get();
    }

    /**
     * Revokes a key; when it is the one that signs, a new key takes its place first, so tokens keep
     * being issued. Returns false when there is no such key or it was revoked already.
     */
    boolean revoke(String keyId) {
        StoredKey target = store.findAll().stream().filter(k -> k.keyId().equals(keyId)).findFirst().orElse(null);
        if (target == null || target.revoked()) {
            return false;
        }
        if (keyId.equals(newestCurrent(store.findAll()))) {
            rotate();
        }
        boolean revoked = store.revoke(keyId, clock.instant());
        reload();
        return revoked;
    }

    RsaJsonWebKey active() {
        return current().active();
    }

    /**
     * The accepted key with this id, re-reading the store if it is unknown and the last read is
     * not recent; null when there is none.
     */
    RsaJsonWebKey find(String keyId) {
        Snapshot current = current();
        Entry entry = current.byId().get(keyId);
        if (entry == null && clock.instant().isAfter(current.loadedAt().plus(RELOAD_INTERVAL))) {
            entry = reload().byId().get(keyId);
        }
        return entry != null && entry.acceptedAt(clock.instant()) ? entry.key() : null;
    }

    /** Every key that verifies tokens now. */
    List<RsaJsonWebKey> all() {
        Instant now = clock.instant();
        return current().byId().values().stream().filter(e -> e.acceptedAt(now)).map(Entry::key).toList();
    }

    /** Adds a new key that signs from now on and retires the others; returns its key id. */
    String rotate() {
        StoredKey key = generate();
        store.rotate(key, key.createdAt());
        reload();
        return key.keyId();
    }

    /** What every stored key is, oldest first. */
    List<SigningKeyStatus> statuses() {
        Instant now = clock.instant();
        List<StoredKey> stored = store.findAll();
        String activeId = newestCurrent(stored);
        List<SigningKeyStatus> result = new ArrayList<>();
        for (StoredKey key : stored) {
            Instant until = key.retired() ? key.retiredAt().plus(retention) : null;
            result.add(new SigningKeyStatus(key.keyId(), key.createdAt(), key.retiredAt(), until,
                    key.keyId().equals(activeId), isRs256(key) && !key.revoked() && (until == null || now.isBefore(until)),
                    KeyEncryption.isSealed(key.privateJwk()), key.revokedAt()));
        }
        return result;
    }

    private Snapshot current() {
        Snapshot current = snapshot;
        if (clock.instant().isAfter(current.loadedAt().plus(REFRESH_INTERVAL))) {
            current = reload();
        }
        return current;
    }

    private synchronized Snapshot reload() {
        Snapshot before = snapshot;
        Snapshot after = load();
        if (after.active() == null) {
            // the signing key was revoked elsewhere without a successor: never stop issuing tokens
            store.add(generate());
            after = load();
        }
        if (!after.byId().keySet().containsAll(before.byId().keySet())) {
            generation.incrementAndGet();
        }
        snapshot = after;
        return after;
    }

    private Snapshot load() {
        Instant now = clock.instant();
        List<StoredKey> stored = store.findAll();
        String activeId = newestCurrent(stored);
        boolean sealedStore = encryption.enabled()
                && stored.stream().anyMatch(k -> KeyEncryption.isSealed(k.privateJwk()));
        Map<String, Entry> byId = new LinkedHashMap<>();
        RsaJsonWebKey active = null;
        for (StoredKey key : stored) {
            Instant until = key.retired() ? key.retiredAt().plus(retention) : null;
            if (key.revoked() || (until != null && !now.isBefore(until))) {
                continue;
            }
            if (sealedStore && !KeyEncryption.isSealed(key.privateJwk())) {
                LOG.log(System.Logger.Level.ERROR, "signing key " + key.keyId() + " is stored in plain text although"
                        + " the key store is encrypted; it is refused and never used");
                continue;
            }
            RsaJsonWebKey parsed = parse(key);
            if (parsed == null) {
                continue;
            }
            byId.put(key.keyId(), new Entry(parsed, until));
            if (key.keyId().equals(activeId)) {
                active = parsed;
            }
        }
        return new Snapshot(Collections.unmodifiableMap(byId), active, now);
    }

    /** The newest RS256 key that is neither retired nor revoked, or null. */
    private static String newestCurrent(List<StoredKey> oldestFirst) {
        String newest = null;
        for (StoredKey key : oldestFirst) {
            if (!key.retired() && !key.revoked() && isRs256(key)) {
                newest = key.keyId();
            }
        }
        return newest;
    }

    /** Seals the stored keys when encryption is turned on, that is while none is sealed yet. */
    private void sealPlaintextKeys() {
        List<StoredKey> stored = store.findAll();
        if (stored.stream().anyMatch(k -> KeyEncryption.isSealed(k.privateJwk()))) {
            return;
        }
        for (StoredKey key : stored) {
            if (!KeyEncryption.isSealed(key.privateJwk())) {
                if (store.replacePrivateJwk(key.keyId(), key.privateJwk(),
                        encryption.seal(key.keyId(), key.privateJwk()))) {
                    LOG.log(System.Logger.Level.INFO, "signing key " + key.keyId() + " is now stored encrypted");
                }
            }
        }
    }

    /** Only RS256 keys are used: a stored key of another algorithm is neither used nor published. */
    private static boolean isRs256(StoredKey key) {
        return AlgorithmIdentifiers.RSA_USING_SHA256.equals(key.algorithm());
    }

    private RsaJsonWebKey parse(StoredKey stored) {
        if (!isRs256(stored)) {
            return null;
        }
        try {
            RsaJsonWebKey key = (RsaJsonWebKey) JsonWebKey.Factory.newJwk(encryption.open(stored.keyId(),
                    stored.privateJwk()));
            key.setKeyId(stored.keyId());
            return key;
        } catch (JoseException | ClassCastException e) {
            throw new IllegalStateException("stored signing key " + stored.keyId() + " is not an RSA JWK", e);
        }
    }

    private StoredKey generate() {
        try {
            RsaJsonWebKey jwk = RsaJwkGenerator.generateJwk(RSA_BITS);
            String keyId = ids.newSecret().substring(0, 16);
            jwk.setKeyId(keyId);
            jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            jwk.setUse("sig");
            String document = encryption.seal(keyId, jwk.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
            return new StoredKey(keyId, AlgorithmIdentifiers.RSA_USING_SHA256, document, clock.instant());
        } catch (JoseException e) {
            throw new IllegalStateException("cannot generate an RSA signing key", e);
        }
    }
}
