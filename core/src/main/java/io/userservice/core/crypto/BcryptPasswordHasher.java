package io.userservice.core.crypto;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import io.userservice.core.port.out.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * bcrypt password hashing with a configurable cost.
 *
 * <p>bcrypt reads at most 71 bytes of a password (plus its NUL terminator). A longer password is
 * first reduced to the Base64 form of its SHA-384 digest (64 ASCII bytes), so every byte of it
 * counts and nothing is silently truncated. Passwords of up to 71 bytes are hashed as they are,
 * which keeps hashes imported from other bcrypt systems ({@code $2a$}, {@code $2b$},
 * {@code $2y$}) verifiable.
 *
 * <p>Hashes imported from other services in the PBKDF2 and Argon2 forms of
 * {@link ImportedPasswordHashes} verify too; they always need a re-hash, so the first successful
 * sign-in replaces them with bcrypt.
 */
public final class BcryptPasswordHasher implements PasswordHasher {

    public static final int MIN_COST = 4;
    public static final int MAX_COST = 31;
    static final int MAX_RAW_BYTES = 71;

    private final int cost;
    private final BCrypt.Hasher hasher;
    private final BCrypt.Verifyer verifyer;

    public BcryptPasswordHasher(int cost) {
        if (cost < MIN_COST || cost > MAX_COST) {
            throw new IllegalArgumentException("bcrypt cost must be between " + MIN_COST + " and " + MAX_COST);
        }
        this.cost = cost;
        this.hasher = BCrypt.with(BCrypt.Version.VERSION_2B, new SecureRandom(),
                LongPasswordStrategies.strict(BCrypt.Version.VERSION_2B));
        this.verifyer = BCrypt.verifyer(BCrypt.Version.VERSION_2B,
                LongPasswordStrategies.strict(BCrypt.Version.VERSION_2B));
    }

    public int cost() {
        return cost;
    }

    @Override
    public String hash(String password) {
        byte[] hash = hasher.hash(cost, bcryptInput(password));
        return new String(hash, StandardCharsets.US_ASCII);
    }

    @Override
    public boolean verify(String password, String hash) {
        if (password != null && ImportedPasswordHashes.isImportedKind(hash)) {
            return ImportedPasswordHashes.verify(password, hash);
        }
        if (password == null || hash == null || !isBcryptHash(hash)) {
            return false;
        }
        try {
            return verifyer.verify(bcryptInput(password), hash.getBytes(StandardCharsets.US_ASCII)).verified;
        } catch (RuntimeException malformedInput) {
            return false;
        }
    }

    @Override
    public boolean needsRehash(String hash) {
        return !isBcryptHash(hash) || costOf(hash) < cost;
    }

    private static boolean isBcryptHash(String hash) {
        return hash.length() == 60 && hash.charAt(0) == '$' && hash.charAt(1) == '2'
                && "aby".indexOf(hash.charAt(2)) >= 0 && hash.charAt(3) == '$'
                && Character.isDigit(hash.charAt(4)) && Character.isDigit(hash.charAt(5))
                && hash.charAt(6) == '$';
    }

    private static int costOf(String hash) {
        return Integer.parseInt(hash.substring(4, 6));
    }

    static byte[] bcryptInput(String password) {
        if (password.indexOf('\0') >= 0) {
            // bcrypt would stop reading at the NUL; such a password can never be set
            throw new IllegalArgumentException("password contains NUL");
        }
        byte[] utf8 = password.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= MAX_RAW_BYTES) {
            return utf8;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-384").digest(utf8);
            return Base64.getEncoder().encode(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-384 is required by every Java platform", e);
        }
    }
}
