package io.userservice.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Password hashes brought in from other services, kept in self-describing strings so a check
 * dispatches on their prefix. They are only ever verified, never made: the first successful
 * sign-in replaces one with a hash of the configured hasher.
 *
 * <ul>
 *   <li>PBKDF2 (as Keycloak keeps it): {@code $pbkdf2-sha256$i=ITERATIONS$SALT$KEY}, also
 *       {@code $pbkdf2-sha512$} and {@code $pbkdf2-sha1$}; SALT and KEY in standard Base64 (padding
 *       optional); the derived key is as long as KEY decodes to; the password enters as UTF-8.</li>
 *   <li>Argon2 PHC strings: {@code $argon2id$v=19$m=MEMORY_KIB,t=ITERATIONS,p=LANES$SALT$HASH},
 *       also {@code $argon2i$} and {@code $argon2d$}, {@code v=16} or {@code v=19} (no
 *       {@code v=} means 16); SALT and HASH in Base64 without padding.</li>
 * </ul>
 *
 * <p>Parameters are bounded so a hostile import file cannot make one sign-in take minutes or
 * gigabytes: PBKDF2 at most {@value #MAX_PBKDF2_ITERATIONS} iterations, Argon2 at most
 * {@value #MAX_ARGON2_MEMORY_KIB} KiB, {@value #MAX_ARGON2_ITERATIONS} passes and
 * {@value #MAX_ARGON2_LANES} lanes; salts and keys of 8 to 128 bytes.
 * Results are compared in constant time.
 */
public final class ImportedPasswordHashes {

    static final int MAX_PBKDF2_ITERATIONS = 10_000_000;
    static final int MAX_ARGON2_MEMORY_KIB = 1 << 18;
    static final int MAX_ARGON2_ITERATIONS = 100;
    static final int MAX_ARGON2_LANES = 16;
    static final double PBKDF2_SHA1_COST = 0.8e-5;
    static final double PBKDF2_SHA256_COST = 1.5e-5;
    static final double PBKDF2_SHA512_COST = 1.6e-5;
    static final double ARGON2_COST = 2.5e-5;
    private static final int MIN_BYTES = 8;
    private static final int MAX_BYTES = 128;

    private static final Pattern PBKDF2 = Pattern.compile(
            "\\$pbkdf2-(sha1|sha256|sha512)\\$i=([1-9][0-9]{0,7})\\$([A-Za-z0-9+/]+={0,2})\\$([A-Za-z0-9+/]+={0,2})");
    private static final Pattern ARGON2 = Pattern.compile(
            "\\$argon2(id|i|d)\\$(?:v=(16|19)\\$)?m=([1-9][0-9]{0,7}),t=([1-9][0-9]{0,3}),p=([1-9][0-9]{0,2})"
                    + "\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

    private ImportedPasswordHashes() {
    }

    /** Whether the hash claims to be one of these kinds (well-formed or not). */
    public static boolean isImportedKind(String hash) {
        return hash != null && (hash.startsWith("$pbkdf2-") || hash.startsWith("$argon2"));
    }

    /** Whether the hash is one of these kinds, well-formed and within the bounds. */
    public static boolean isWellFormed(String hash) {
        return parse(hash) != null;
    }

    /** Whether the password matches; false for a malformed or out-of-bounds hash. */
    public static boolean verify(String password, String hash) {
        if (password == null) {
            return false;
        }
        Parsed parsed = parse(hash);
        return parsed != null && MessageDigest.isEqual(parsed.derive(password), parsed.expected);
    }

    /**
     * How long one check against {@code hash} takes, as a multiple of one bcrypt check at cost 10,
     * by the cost of each kind measured with these implementations (docs/benchmarks.md, the highest
     * figure of each kind, rounded up):
     * PBKDF2 per iteration and block of output ({@value #PBKDF2_SHA1_COST}, {@value #PBKDF2_SHA256_COST},
     * {@value #PBKDF2_SHA512_COST} for SHA-1, SHA-256, SHA-512), Argon2 per KiB of memory and pass
     * ({@value #ARGON2_COST}). Infinite for a hash that is not well-formed.
     */
    public static double costInBcrypt10Checks(String hash) {
        Parsed parsed = parse(hash);
        return parsed == null ? Double.POSITIVE_INFINITY : parsed.costInBcrypt10Checks();
    }

    /**
     * The self-describing form of a Keycloak {@code password} credential: its algorithm
     * ({@code pbkdf2-sha256}, {@code pbkdf2-sha512}, {@code pbkdf2} for SHA-1, or an Argon2 PHC
     * string kept as the value), iterations, Base64 salt and Base64 derived key.
     *
     * @throws IllegalArgumentException for an algorithm not taken or values out of bounds
     */
    public static String fromKeycloak(String algorithm, int iterations, String saltBase64, String valueBase64) {
        String kind = switch (algorithm == null ? "" : algorithm.toLowerCase(Locale.ROOT)) {
            case "pbkdf2", "pbkdf2-sha1" -> "sha1";
            case "pbkdf2-sha256" -> "sha256";
            case "pbkdf2-sha512" -> "sha512";
            default -> throw new IllegalArgumentException("password algorithm " + algorithm + " is not supported");
        };
        String hash = "$pbkdf2-" + kind + "$i=" + iterations + "$" + saltBase64 + "$" + valueBase64;
        if (!isWellFormed(hash)) {
            throw new IllegalArgumentException("password credential of algorithm " + algorithm
                    + " has an unusable salt, value or iteration count");
        }
        return hash;
    }

    private static Parsed parse(String hash) {
        if (hash == null || hash.length() > 600) {
            return null;
        }
        try {
            Matcher pbkdf2 = PBKDF2.matcher(hash);
            if (pbkdf2.matches()) {
                int iterations = Integer.parseInt(pbkdf2.group(2));
                byte[] salt = Base64.getDecoder().decode(pbkdf2.group(3));
                byte[] key = Base64.getDecoder().decode(pbkdf2.group(4));
                if (iterations > MAX_PBKDF2_ITERATIONS || !sized(salt) || !sized(key)) {
                    return null;
                }
                return new Pbkdf2(pbkdf2.group(1), iterations, salt, key);
            }
            Matcher argon2 = ARGON2.matcher(hash);
            if (argon2.matches()) {
                int type = switch (argon2.group(1)) {
                    case "id" -> Argon2Parameters.ARGON2_id;
                    case "i" -> Argon2Parameters.ARGON2_i;
                    default -> Argon2Parameters.ARGON2_d;
                };
                int version = "19".equals(argon2.group(2)) ? Argon2Parameters.ARGON2_VERSION_13
                        : Argon2Parameters.ARGON2_VERSION_10;
                int memory = Integer.parseInt(argon2.group(3));
                int iterations = Integer.parseInt(argon2.group(4));
                int lanes = Integer.parseInt(argon2.group(5));
                byte[] salt = Base64.getDecoder().decode(argon2.group(6));
                byte[] key = Base64.getDecoder().decode(argon2.group(7));
                if (memory > MAX_ARGON2_MEMORY_KIB || memory < 8 * lanes || iterations > MAX_ARGON2_ITERATIONS
                        || lanes > MAX_ARGON2_LANES || !sized(salt) || !sized(key)) {
                    return null;
                }
                return new Argon2(new Argon2Parameters.Builder(type).withVersion(version).withMemoryAsKB(memory)
                        .withIterations(iterations).withParallelism(lanes).withSalt(salt).build(), key);
            }
        } catch (IllegalArgumentException badBase64) {
            return null;
        }
        return null;
    }

    private static boolean sized(byte[] bytes) {
        return bytes.length >= MIN_BYTES && bytes.length <= MAX_BYTES;
    }

    private abstract static class Parsed {
        final byte[] expected;

        Parsed(byte[] expected) {
            this.expected = expected;
        }

        abstract byte[] derive(String password);

        abstract double costInBcrypt10Checks();
    }

    private static final class Pbkdf2 extends Parsed {
        private final String digest;
        private final int iterations;
        private final byte[] salt;

        Pbkdf2(String digest, int iterations, byte[] salt, byte[] expected) {
            super(expected);
            this.digest = digest;
            this.iterations = iterations;
            this.salt = salt;
        }

        @Override
        double costInBcrypt10Checks() {
            int blockBytes = switch (digest) {
                case "sha1" -> 20;
                case "sha256" -> 32;
                default -> 64;
            };
            double perIteration = switch (digest) {
                case "sha1" -> PBKDF2_SHA1_COST;
                case "sha256" -> PBKDF2_SHA256_COST;
                default -> PBKDF2_SHA512_COST;
            };
            int blocks = (expected.length + blockBytes - 1) / blockBytes;
            return (double) iterations * blocks * perIteration;
        }

        @Override
        byte[] derive(String password) {
            Digest hmacDigest = switch (digest) {
                case "sha1" -> new SHA1Digest();
                case "sha256" -> new SHA256Digest();
                default -> new SHA512Digest();
            };
            PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(hmacDigest);
            generator.init(password.getBytes(StandardCharsets.UTF_8), salt, iterations);
            return ((KeyParameter) generator.generateDerivedParameters(expected.length * 8)).getKey();
        }
    }

    private static final class Argon2 extends Parsed {
        private final Argon2Parameters parameters;

        Argon2(Argon2Parameters parameters, byte[] expected) {
            super(expected);
            this.parameters = parameters;
        }

        @Override
        double costInBcrypt10Checks() {
            return (double) parameters.getMemory() * parameters.getIterations() * ARGON2_COST;
        }

        @Override
        byte[] derive(String password) {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(parameters);
            byte[] out = new byte[expected.length];
            generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
            return out;
        }
    }
}
