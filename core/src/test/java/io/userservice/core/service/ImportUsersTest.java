package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.userservice.core.CoreFixture;
import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidCredentialsException;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.ImportUsersUseCase.ImportedUser;
import io.userservice.core.port.in.ImportUsersUseCase.Outcome;
import io.userservice.core.port.in.ImportUsersUseCase;
import io.userservice.core.port.in.LogInUseCase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImportUsersTest {

    private final CoreFixture fixture = new CoreFixture();

    private Outcome importUser(Caller caller, ImportedUser user) {
        return fixture.core.importUsers().importUser(new ImportUsersUseCase.Command(caller, user));
    }

    private static ImportedUser aUser(String email, String hash) {
        return new ImportedUser(email, hash, null, null, null, true, Map.of(), List.of());
    }

    @Test
    void anImportedUserSignsInWithTheirOldPasswordAndOnlyThat() {
        String hash = BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(4, "the old password".toCharArray());

        assertThat(importUser(Caller.operator(), aUser("old@example.com", hash))).isEqualTo(Outcome.IMPORTED);

        assertThat(fixture.core.logIn().logIn(new LogInUseCase.Command("old@example.com", "the old password", ClientAddress.unknown()))
                .user().confirmed()).isTrue();
        assertThatThrownBy(() -> fixture.core.logIn().logIn(new LogInUseCase.Command("old@example.com",
                "not the old one", ClientAddress.unknown()))).isInstanceOf(InvalidCredentialsException.class);
        assertThat(importUser(Caller.operator(), aUser("OLD@example.com", hash))).isEqualTo(Outcome.SKIPPED);
    }

    @Test
    void anArgon2UserSignsInWithTheirOldPassword() {
        // "password" under Argon2id with parameters light enough to be covered by the fixture's bcrypt cost 4
        String hash = "$argon2id$v=19$m=64,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E";

        assertThat(importUser(Caller.operator(), aUser("argon@example.com", hash))).isEqualTo(Outcome.IMPORTED);

        assertThatThrownBy(() -> fixture.core.logIn().logIn(new LogInUseCase.Command("argon@example.com",
                "passwore", ClientAddress.unknown()))).isInstanceOf(InvalidCredentialsException.class);
        assertThat(fixture.core.logIn().logIn(new LogInUseCase.Command("argon@example.com", "password", ClientAddress.unknown()))
                .user().confirmed()).isTrue();
        assertThat(fixture.core.logIn().logIn(new LogInUseCase.Command("argon@example.com", "password", ClientAddress.unknown()))
                .user().confirmed()).isTrue();
    }

    @Test
    void aHashThatTakesLongerToCheckThanTheConfiguredBcryptIsRefusedWithTheCostThatWouldCoverIt() {
        String salt = java.util.Base64.getEncoder().encodeToString(new byte[16]);
        String key = java.util.Base64.getEncoder().encodeToString(new byte[64]);

        assertThatThrownBy(() -> importUser(Caller.operator(), aUser("slow@example.com",
                "$pbkdf2-sha512$i=210000$" + salt + "$" + key)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.code()).isEqualTo("hash_too_costly"))
                .hasMessageContaining("at least 12");
        assertThatThrownBy(() -> importUser(Caller.operator(), aUser("slow@example.com",
                BCrypt.withDefaults().hashToString(5, "pw".toCharArray()))))
                .hasMessageContaining("at least 5");
        assertThat(importUser(Caller.operator(), aUser("light@example.com", "$pbkdf2-sha512$i=900$" + salt + "$"
                + key))).isEqualTo(Outcome.IMPORTED);
    }

    @Test
    void onlyAdministratorsImportAndBadValuesAreNamed() {
        User member = fixture.aConfirmedUser("member@example.com");
        String hash = BCrypt.withDefaults().hashToString(4, "pw".toCharArray());

        assertThatThrownBy(() -> importUser(Caller.user(member.id()), aUser("new@example.com", hash)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> importUser(Caller.operator(), aUser("new@example.com", "$argon2id$v=19$m=4194304,t=3,"
                + "p=4$c2FsdHNhbHQ$aGFzaGhhc2g"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("bcrypt");
        assertThatThrownBy(() -> importUser(Caller.operator(), new ImportedUser("new@example.com", hash, null, null,
                null, true, Map.of("", "x"), List.of()))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> importUser(Caller.operator(), new ImportedUser("new@example.com", hash, null, null,
                "not a language!", true, Map.of(), List.of()))).isInstanceOf(InvalidInputException.class);
        assertThat(fixture.core.userExists().exists(new io.userservice.core.port.in.UserExistsUseCase.Command(
                "new@example.com", ClientAddress.unknown()))).isFalse();
    }

    @Test
    void onlyTheOperatorExportsAndTheExportCarriesWhatTheImportTakes() {
        User admin = fixture.aConfirmedUser("admin@example.com");
        importUser(Caller.operator(), new ImportedUser("ex@example.com",
                "$argon2id$v=19$m=64,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E", "Ex", null,
                null, true, Map.of("k", "v"), List.of("user-edit"), true));
        fixture.state.accounts().grant(admin.id(), io.userservice.core.domain.Role.ADMIN);

        assertThatThrownBy(() -> fixture.core.exportUsers().exportUsers(Caller.user(admin.id()), user -> { }))
                .isInstanceOf(AccessDeniedException.class);
        List<ImportedUser> exported = new java.util.ArrayList<>();
        assertThat(fixture.core.exportUsers().exportUsers(Caller.operator(), exported::add)).isEqualTo(2);
        ImportedUser ex = exported.stream().filter(u -> u.email().equals("ex@example.com")).findFirst().orElseThrow();
        assertThat(ex.passwordHash()).startsWith("$argon2id$");
        assertThat(ex.deactivated()).isTrue();
        assertThat(ex.attributes()).containsEntry("k", "v");
        assertThat(ex.roles()).containsExactly("user-edit");
        assertThat(exported.stream().filter(u -> u.email().equals("admin@example.com")).findFirst().orElseThrow()
                .passwordHash()).startsWith("$2b$");
    }

    @Test
    void aCallerWhoMayNotImportIsToldSoBeforeAnyValueIsChecked() {
        User member = fixture.aConfirmedUser("member@example.com");
        ImportedUser invalid = aUser("not an email", "not a hash");

        assertThatThrownBy(() -> importUser(Caller.user(member.id()), invalid))
                .isInstanceOf(AccessDeniedException.class).hasMessage("Importing users needs role admin.");
        assertThatThrownBy(() -> fixture.core.importUsers().importUsers(new ImportUsersUseCase.BatchCommand(
                Caller.user(member.id()), List.of(aUser("new@example.com", "not a hash")))))
                .isInstanceOf(AccessDeniedException.class).hasMessage("Importing users needs role admin.");
    }

    @Test
    void aDirectoryThatRegistersNoOneImportsNoOne() {
        UserServiceCore readOnly = UserServiceCore.builder(io.userservice.core.settings.CoreSettings.defaults(),
                new io.userservice.core.ReadOnlyDirectory().with("ro@example.com", "directory password 1"),
                io.userservice.core.memory.InMemoryServiceState.create(),
                new io.userservice.core.memory.RecordingUserNotifier()).bcryptCost(4).build();

        assertThatThrownBy(() -> readOnly.importUsers().importUser(new ImportUsersUseCase.Command(Caller.operator(),
                aUser("not an email", "not a hash"))))
                .isInstanceOf(io.userservice.core.domain.ManagedByDirectoryException.class);
        assertThatThrownBy(() -> readOnly.importUsers().importUsers(new ImportUsersUseCase.BatchCommand(
                Caller.operator(), List.of(aUser("new@example.com", "not a hash")))))
                .isInstanceOf(io.userservice.core.domain.ManagedByDirectoryException.class);
    }

    @Test
    void aBatchImportsEachNewEmailOnceAndNamesWhatItLeftOut() {
        fixture.aConfirmedUser("taken@example.com");
        String hash = BCrypt.withDefaults().hashToString(4, "pw".toCharArray());

        List<ImportUsersUseCase.Result> results = fixture.core.importUsers().importUsers(
                new ImportUsersUseCase.BatchCommand(Caller.operator(), List.of(aUser("one@example.com", hash),
                        aUser("ONE@example.com", hash), aUser("taken@example.com", hash), aUser("two@example.com", "x"),
                        aUser("three@example.com", hash))));

        assertThat(results).extracting(ImportUsersUseCase.Result::outcome).containsExactly(Outcome.IMPORTED,
                Outcome.SKIPPED, Outcome.SKIPPED, Outcome.REJECTED, Outcome.IMPORTED);
        assertThat(results.get(3).code()).isEqualTo("unsupported_hash");
        assertThat(fixture.core.logIn().logIn(new LogInUseCase.Command("three@example.com", "pw",
                ClientAddress.unknown())).user().email().value()).isEqualTo("three@example.com");
    }

    @Test
    void aUserHasAtMostTwoHundredAttributes() {
        String hash = BCrypt.withDefaults().hashToString(4, "pw".toCharArray());
        Map<String, String> most = new java.util.HashMap<>();
        for (int i = 0; i < 200; i++) {
            most.put("k" + i, "v");
        }
        Map<String, String> tooMany = new java.util.HashMap<>(most);
        tooMany.put("k200", "v");

        assertThat(importUser(Caller.operator(), new ImportedUser("most@example.com", hash, null, null, null, true,
                most, List.of()))).isEqualTo(Outcome.IMPORTED);
        assertThatThrownBy(() -> importUser(Caller.operator(), new ImportedUser("many@example.com", hash, null, null,
                null, true, tooMany, List.of()))).isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.code()).isEqualTo("too_many_attributes"));
    }

    @Test
    void withAHasherOfItsOwnTheServiceImportsHashesOfAnyCost() {
        UserServiceCore ownHasher = UserServiceCore.builder(io.userservice.core.settings.CoreSettings.defaults(),
                io.userservice.core.memory.InMemoryUserDirectory::new,
                io.userservice.core.memory.InMemoryServiceState.create(),
                new io.userservice.core.memory.RecordingUserNotifier())
                .passwordHasher(new io.userservice.core.crypto.BcryptPasswordHasher(4)).build();
        String hash = BCrypt.withDefaults().hashToString(6, "pw".toCharArray());

        assertThat(ownHasher.importUsers().importUser(new ImportUsersUseCase.Command(Caller.operator(),
                aUser("costly@example.com", hash)))).isEqualTo(Outcome.IMPORTED);
    }
}
