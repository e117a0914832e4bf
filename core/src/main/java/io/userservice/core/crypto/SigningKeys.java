package io.userservice.core.crypto;

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
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.lang.JoseException;

/**
 * The signing keys of every instance, read from the shared store. The newest key signs; every
 * stored key verifies. The store is re-read every {@link #REFRESH_INTERVAL}, and sooner (at most
 * once per {@link #RELOAD_INTERVAL}) when a token names a key id this instance has not seen, so
 * keys added by another instance are picked up and all instances converge on one signing key.
 */
final class SigningKeys {

    static final int RSA_BITS = 2048;
    private static final Duration RELOAD_INTERVAL = Duration.ofSeconds(10);
    static final Duration REFRESH_INTERVAL = Duration.ofSeconds(60);

    private final SigningKeyPort store;
    private final Clock clock;
    private final SecureRandomSecretGenerator ids = new SecureRandomSecretGenerator();
    private volatile Snapshot snapshot;

    private record Snapshot(Map<String, RsaJsonWebKey> byId, RsaJsonWebKey active, Instant loadedAt) {
    }

    SigningKeys(SigningKeyPort store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.snapshot = load();
        if (snapshot.active() == null) {
            store.add(generate());
            this.snapshot = load();
        }
    }

    RsaJsonWebKey active() {
        return current().active();
    }

    /** The key with this id, re-reading the store if it is unknown and the last read is not recent. */
    RsaJsonWebKey find(String keyId) {
        Snapshot current = current();
        RsaJsonWebKey key = current.byId().get(keyId);
        if (key == null && clock.instant().isAfter(current.loadedAt().plus(RELOAD_INTERVAL))) {
            snapshot = load();
            key = snapshot.byId().get(keyId);
        }
        return key;
    }

    List<RsaJsonWebKey> all() {
        return new ArrayList<>(current().byId().values());
    }

    private Snapshot current() {
        Snapshot current = snapshot;
        if (clock.instant().isAfter(current.loadedAt().plus(REFRESH_INTERVAL))) {
            current = load();
            snapshot = current;
        }
        return current;
    }

    private Snapshot load() {
        Map<String, RsaJsonWebKey> byId = new LinkedHashMap<>();
        RsaJsonWebKey newest = null;
        for (StoredKey stored : store.findAll()) {
            if (!AlgorithmIdentifiers.RSA_USING_SHA256.equals(stored.algorithm())) {
                continue;
            }
            RsaJsonWebKey key = parse(stored);
            byId.put(stored.keyId(), key);
            newest = key;
        }
        return new Snapshot(Collections.unmodifiableMap(byId), newest, clock.instant());
    }

    private static RsaJsonWebKey parse(StoredKey stored) {
        try {
            RsaJsonWebKey key = (RsaJsonWebKey) JsonWebKey.Factory.newJwk(stored.privateJwk());
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
            return new StoredKey(keyId, AlgorithmIdentifiers.RSA_USING_SHA256,
                    jwk.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE), clock.instant());
        } catch (JoseException e) {
            throw new IllegalStateException("cannot generate an RSA signing key", e);
        }
    }
}
