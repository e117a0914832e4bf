package io.userservice.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.userservice.core.contract.UseCaseRacesContract.Stores;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.EmailAlreadyTakenException;
import io.userservice.core.domain.InvalidCredentialsException;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.ImportUsersUseCase;
import io.userservice.core.port.in.ImportUsersUseCase.ImportedUser;
import io.userservice.core.port.in.ImportUsersUseCase.Outcome;
import io.userservice.core.port.in.ImportUsersUseCase.Result;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.port.in.UserExistsUseCase;
import io.userservice.core.settings.CoreSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Users imported in batches on one database: each batch is written together, a taken or repeated
 * email is skipped, a bad user is rejected alone, and a registration racing a batch for the same
 * emails leaves exactly one user per email.
 */
public abstract class ImportUsersContract {

    private static final String HASH = BCrypt.with(BCrypt.Version.VERSION_2Y)
            .hashToString(4, CoreOnStores.PASSWORD.toCharArray());

    /** An empty directory and state whose pool holds at least {@code maxPoolSize} connections. */
    protected abstract Stores newStores(int maxPoolSize);

    private CoreOnStores coreOnANewDatabase() {
        Stores stores = newStores(UseCaseRacesContract.POOL_SIZE);
        return new CoreOnStores(CoreSettings.defaults(), stores.directory(), stores.state());
    }

    private static ImportedUser aUser(String email) {
        return new ImportedUser(email, HASH, "Imported", "Person", "en", true, Map.of(), List.of());
    }

    private static List<Result> importBatch(CoreOnStores fixture, List<ImportedUser> users) {
        return fixture.core.importUsers().importUsers(new ImportUsersUseCase.BatchCommand(Caller.operator(), users));
    }

    @Test
    void aBatchImportsTheNewSkipsTheTakenAndTheRepeatedAndRejectsTheBadAlone() {
        CoreOnStores fixture = coreOnANewDatabase();
        fixture.aConfirmedUser("here@example.com");

        List<Result> results = importBatch(fixture, List.of(
                new ImportedUser("Ann@Example.com", HASH, "Ann", "Archer", "de", true, Map.of("plan", "gold"),
                        List.of("user-edit")),
                aUser("here@example.com"),
                aUser("ANN@example.com"),
                new ImportedUser("md5@example.com", "5f4dcc3b5aa765d61d8327deb882cf99", null, null, null, true,
                        Map.of(), List.of()),
                new ImportedUser("gone@example.com", HASH, null, null, null, true, Map.of(), List.of(), true),
                aUser("cat@example.com")));

        assertThat(results).extracting(Result::outcome).containsExactly(Outcome.IMPORTED, Outcome.SKIPPED,
                Outcome.SKIPPED, Outcome.REJECTED, Outcome.IMPORTED, Outcome.IMPORTED);
        assertThat(results.get(3).code()).isEqualTo("unsupported_hash");
        LogInUseCase.Result ann = fixture.core.logIn().logIn(new LogInUseCase.Command("ann@example.com",
                CoreOnStores.PASSWORD, ClientAddress.unknown()));
        assertThat(ann.user().firstname()).isEqualTo("Ann");
        assertThat(ann.user().language()).isEqualTo("de");
        assertThat(ann.user().roles()).contains(new Role("user-edit"));
        assertThat(fixture.core.logIn().logIn(new LogInUseCase.Command("cat@example.com", CoreOnStores.PASSWORD,
                ClientAddress.unknown()))
                .user().id()).isNotEqualTo(ann.user().id());
        assertThat(exists(fixture, "md5@example.com")).isFalse();
        assertThatThrownBy(() -> fixture.core.logIn().logIn(
                new LogInUseCase.Command("gone@example.com", CoreOnStores.PASSWORD, ClientAddress.unknown())))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThat(exists(fixture, "gone@example.com")).isTrue();

        assertThat(importBatch(fixture, List.of(aUser("cat@example.com"), aUser("ann@example.com"))))
                .extracting(Result::outcome).containsExactly(Outcome.SKIPPED, Outcome.SKIPPED);
    }

    @Test
    void registrationsRacingBatchesForTheSameEmailsLeaveOneUserPerEmail() {
        CoreOnStores fixture = coreOnANewDatabase();
        int emails = 40;
        List<ImportedUser> batch = new ArrayList<>();
        for (int i = 0; i < emails; i++) {
            batch.add(aUser("racer" + i + "@example.com"));
        }

        List<Race.Outcome<Object>> outcomes = Race.run(emails + 1, i -> i == emails
                ? importBatch(fixture, batch)
                : fixture.core.register().register(RegisterUserUseCase.Command.of("racer" + i + "@example.com",
                        "a registered password", null, null, null, ClientAddress.unknown())));

        @SuppressWarnings("unchecked")
        List<Result> imported = (List<Result>) outcomes.get(emails).value();
        assertThat(imported).hasSize(emails);
        for (int i = 0; i < emails; i++) {
            Race.Outcome<Object> registration = outcomes.get(i);
            Outcome importOutcome = imported.get(i).outcome();
            if (registration.succeeded()) {
                assertThat(importOutcome).as("racer %d", i).isEqualTo(Outcome.SKIPPED);
            } else {
                assertThat(registration.failure()).isInstanceOf(EmailAlreadyTakenException.class);
                assertThat(importOutcome).as("racer %d", i).isEqualTo(Outcome.IMPORTED);
                User user = fixture.core.logIn().logIn(new LogInUseCase.Command("racer" + i + "@example.com",
                        CoreOnStores.PASSWORD, ClientAddress.unknown())).user();
                assertThat(user.firstname()).isEqualTo("Imported");
            }
            assertThat(exists(fixture, "racer" + i + "@example.com")).isTrue();
        }
    }

    private static boolean exists(CoreOnStores fixture, String email) {
        return fixture.core.userExists().exists(new UserExistsUseCase.Command(email, ClientAddress.unknown()));
    }
}
