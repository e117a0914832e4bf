package io.userservice.bench;

import io.userservice.core.crypto.ImportedPasswordHashes;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.Email;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.InMemoryUserDirectory;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.ImportUsersUseCase;
import io.userservice.core.port.out.UserDirectory;
import io.userservice.core.settings.CoreSettings;
import io.userservice.core.service.UserServiceCore;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The time a refused password check takes, as the core's default hasher makes it: for an unknown
 * email (a dummy bcrypt hash), a wrong password of a bcrypt user, and a wrong password of users
 * imported with Keycloak's PBKDF2 and Argon2 defaults (checked against their own hash, then padded
 * to a bcrypt check). Also the raw time of each imported check, unpadded. The checks alternate
 * between the kinds, so a busy spell of the machine falls on all alike.
 *
 * <p>Arguments: {@code [bcrypt cost] [rounds]}, by default {@code 10 200}.
 */
public final class FailedCheckTiming {

    private FailedCheckTiming() {
    }

    public static void main(String[] args) {
        int cost = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        UserDirectory[] opened = new UserDirectory[1];
        UserServiceCore core = UserServiceCore.builder(CoreSettings.defaults(), hasher -> {
            opened[0] = new InMemoryUserDirectory(hasher);
            return opened[0];
        }, InMemoryServiceState.create(), new RecordingUserNotifier()).bcryptCost(cost).build();
        UserDirectory directory = opened[0];
        String pbkdf2 = pbkdf2Sha256(27_500);
        String argon2 = argon2id(7168, 5);
        List<ImportUsersUseCase.ImportedUser> users = List.of(
                user("bcrypt@example.com", new io.userservice.core.crypto.BcryptPasswordHasher(cost).hash("secret pw")),
                user("pbkdf2@example.com", pbkdf2), user("argon2@example.com", argon2));
        System.out.println(core.importUsers().importUsers(new ImportUsersUseCase.BatchCommand(Caller.operator(), users)));
        DirectoryUser bcryptUser = directory.findByEmail(Email.of("bcrypt@example.com")).orElseThrow();
        DirectoryUser pbkdf2User = directory.findByEmail(Email.of("pbkdf2@example.com")).orElseThrow();
        DirectoryUser argon2User = directory.findByEmail(Email.of("argon2@example.com")).orElseThrow();

        Map<String, Runnable> checks = new LinkedHashMap<>();
        checks.put("unknown email", () -> directory.checkNoOnesPassword("a wrong password"));
        checks.put("wrong password, bcrypt user", () -> directory.checkPassword(bcryptUser, "a wrong password"));
        checks.put("wrong password, pbkdf2-sha256 27500", () -> directory.checkPassword(pbkdf2User, "a wrong password"));
        checks.put("wrong password, argon2id m=7168 t=5", () -> directory.checkPassword(argon2User, "a wrong password"));
        checks.put("raw pbkdf2-sha256 27500, unpadded", () -> ImportedPasswordHashes.verify("a wrong password", pbkdf2));
        checks.put("raw argon2id m=7168 t=5, unpadded", () -> ImportedPasswordHashes.verify("a wrong password", argon2));
        Map<String, long[]> nanos = new LinkedHashMap<>();
        checks.keySet().forEach(name -> nanos.put(name, new long[rounds]));
        for (int warmup = 0; warmup < 10; warmup++) {
            checks.values().forEach(Runnable::run);
        }
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, Runnable> check : checks.entrySet()) {
                long started = System.nanoTime();
                check.getValue().run();
                nanos.get(check.getKey())[round] = System.nanoTime() - started;
            }
        }
        System.out.printf(Locale.ROOT, "bcrypt cost %d, %d rounds%n%-40s %8s %8s %8s %8s %8s%n", cost, rounds,
                "check", "p10 ms", "p50 ms", "p90 ms", "p99 ms", "mean ms");
        nanos.forEach((name, times) -> {
            long[] sorted = times.clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "%-40s %8.1f %8.1f %8.1f %8.1f %8.1f%n", name, at(sorted, 0.10),
                    at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), Arrays.stream(sorted).average().orElse(0) / 1e6);
        });
    }

    private static double at(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * quantile) - 1)] / 1e6;
    }

    private static ImportUsersUseCase.ImportedUser user(String email, String hash) {
        return new ImportUsersUseCase.ImportedUser(email, hash, null, null, null, true, Map.of(), List.of());
    }

    private static String pbkdf2Sha256(int iterations) {
        byte[] salt = "sixteen byte sal".getBytes(StandardCharsets.US_ASCII);
        org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator generator =
                new org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator(
                        new org.bouncycastle.crypto.digests.SHA256Digest());
        generator.init("secret pw".getBytes(StandardCharsets.UTF_8), salt, iterations);
        byte[] key = ((org.bouncycastle.crypto.params.KeyParameter) generator.generateDerivedParameters(512)).getKey();
        return "$pbkdf2-sha256$i=" + iterations + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(key);
    }

    private static String argon2id(int memoryKib, int passes) {
        byte[] salt = "sixteen byte sal".getBytes(StandardCharsets.US_ASCII);
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(memoryKib).withIterations(passes)
                .withParallelism(1).withSalt(salt).build());
        byte[] out = new byte[32];
        generator.generateBytes("secret pw".getBytes(StandardCharsets.UTF_8), out);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + passes + ",p=1$" + base64.encodeToString(salt) + "$"
                + base64.encodeToString(out);
    }
}
