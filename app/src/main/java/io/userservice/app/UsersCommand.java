package io.userservice.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.UserServiceException;
import io.userservice.core.port.in.ImportUsersUseCase;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code users import --format jsonl FILE}: brings users in from another service with their
 * password hashes, one JSON object a line. The file is read a line at a time, never whole;
 * a bad line is reported with its number and reason and the rest go on; one summary line ends it.
 */
@Command(name = "users", mixinStandardHelpOptions = true,
        description = "Moves users into and out of the configured database.",
        subcommands = {UsersCommand.Import.class, UsersCommand.Export.class})
final class UsersCommand {

    @ParentCommand
    private Cli cli;

    /** The formats {@code --format} accepts. */
    enum Format {
        jsonl,
        keycloak
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Imports the users of FILE; an email that is already here is skipped. Exits with 0 only"
                    + " when no line was rejected.")
    static final class Import implements Callable<Integer> {

        private static final ObjectMapper JSON = new ObjectMapper();

        @ParentCommand
        private UsersCommand users;
        @Spec
        private CommandSpec spec;
        @Option(names = "--format", required = true, paramLabel = "FORMAT",
                description = "jsonl: one {\"email\",\"passwordHash\",\"firstname\",\"lastname\",\"language\","
                        + "\"confirmed\",\"attributes\":{},\"roles\":[]} a line, passwordHash bcrypt, $pbkdf2-sha256$"
                        + " (also sha512, sha1) or an Argon2 PHC string; keycloak: a realm export (kc.sh export"
                        + " --users realm_file), its users with their password credentials")
        private Format format;
        @Parameters(index = "0", paramLabel = "FILE")
        private Path file;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Tally tally;
            try (OperatorCore operator = users.cli.openCore();
                 ImportProgress.Counted input = new ImportProgress.Counted(Files.newInputStream(file))) {
                long size = Files.isRegularFile(file) ? Files.size(file) : -1;
                tally = new Tally(err, operator.core().importUsers(), ImportProgress.on(err,
                        size > 0 && ImportProgress.stderrIsTerminal(), size, input::count));
                if (format == Format.jsonl) {
                    readJsonl(input, tally);
                } else if (!KeycloakRealm.read(input, tally::take, err)) {
                    tally.rejected++;
                }
                tally.flush();
                tally.progress.finish(tally.imported + tally.skipped + tally.rejected);
            } catch (NoSuchFileException e) {
                err.println("user-service: no file " + file);
                return Cli.FAILURE;
            }
            out.println(tally.imported + " imported, " + tally.skipped + " skipped, " + tally.rejected + " rejected");
            return tally.rejected == 0 ? Cli.OK : Cli.FAILURE;
        }

        private static void readJsonl(InputStream input, Tally tally) throws IOException {
            BufferedReader lines = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8.newDecoder()));
            long lineNumber = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String current = line;
                tally.take("line " + lineNumber, () -> user(current));
            }
        }

        /**
         * Collects the users into batches of {@value #BATCH} for the core to write in one transaction
         * each, counts the outcomes, names each rejected user on stderr and reports progress
         * ({@link ImportProgress}). A user that cannot even be read is rejected at once; the others when their batch is
         * written.
         */
        static final class Tally {
            static final int BATCH = 1000;

            private final PrintWriter err;
            private final ImportUsersUseCase importer;
            final ImportProgress progress;
            private final List<String> pendingWhere = new ArrayList<>(BATCH);
            private final List<ImportUsersUseCase.ImportedUser> pending = new ArrayList<>(BATCH);
            long imported;
            long skipped;
            long rejected;

            Tally(PrintWriter err, ImportUsersUseCase importer, ImportProgress progress) {
                this.err = err;
                this.importer = importer;
                this.progress = progress;
            }

            void take(String where, Supplier<ImportUsersUseCase.ImportedUser> user) {
                try {
                    pending.add(user.get());
                    pendingWhere.add(where);
                } catch (UserServiceException e) {
                    reject(where, e.code(), e.getMessage());
                } catch (IllegalArgumentException e) {
                    reject(where, null, e.getMessage());
                }
                if (pending.size() >= BATCH) {
                    flush();
                }
            }

            /** Writes the users collected so far. */
            void flush() {
                if (pending.isEmpty()) {
                    return;
                }
                List<ImportUsersUseCase.Result> results = importer.importUsers(
                        new ImportUsersUseCase.BatchCommand(Caller.operator(), pending));
                for (int i = 0; i < results.size(); i++) {
                    ImportUsersUseCase.Result result = results.get(i);
                    switch (result.outcome()) {
                        case IMPORTED -> imported++;
                        case SKIPPED -> skipped++;
                        case REJECTED -> reject(pendingWhere.get(i), result.code(), result.reason());
                    }
                }
                pending.clear();
                pendingWhere.clear();
                progress.update(imported + skipped + rejected);
            }

            private void reject(String where, String code, String reason) {
                rejected++;
                progress.clear();
                err.println(where + ": " + (code == null ? "" : code + ": ") + Cli.oneLine(reason));
            }
        }

        /** One line of the file; anything but the documented shape is refused with the field named. */
        static ImportUsersUseCase.ImportedUser user(String line) {
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                throw new IllegalArgumentException("not a JSON object");
            }
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            JsonNode given = node.path("attributes");
            if (!given.isMissingNode() && !given.isNull()) {
                if (!given.isObject()) {
                    throw new IllegalArgumentException("attributes must be an object of texts");
                }
                for (Iterator<Map.Entry<String, JsonNode>> fields = given.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (!field.getValue().isTextual()) {
                        throw new IllegalArgumentException("attribute " + field.getKey() + " must be text");
                    }
                    attributes.put(field.getKey(), field.getValue().asText());
                }
            }
            List<String> roles = new ArrayList<>();
            JsonNode listed = node.path("roles");
            if (!listed.isMissingNode() && !listed.isNull()) {
                if (!listed.isArray()) {
                    throw new IllegalArgumentException("roles must be a list of texts");
                }
                listed.forEach(role -> roles.add(role.isTextual() ? role.asText() : ""));
            }
            JsonNode confirmed = node.path("confirmed");
            if (!confirmed.isMissingNode() && !confirmed.isNull() && !confirmed.isBoolean()) {
                throw new IllegalArgumentException("confirmed must be true or false");
            }
            JsonNode deactivated = node.path("deactivated");
            if (!deactivated.isMissingNode() && !deactivated.isNull() && !deactivated.isBoolean()) {
                throw new IllegalArgumentException("deactivated must be true or false");
            }
            return new ImportUsersUseCase.ImportedUser(text(node, "email"), text(node, "passwordHash"),
                    text(node, "firstname"), text(node, "lastname"), text(node, "language"),
                    confirmed.asBoolean(false), attributes, roles, deactivated.asBoolean(false));
        }

        private static String text(JsonNode node, String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                throw new IllegalArgumentException(field + " must be text");
            }
            return value.asText();
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Writes every user with their password hash as stored to FILE, in the format"
                    + " 'users import --format jsonl' reads. FILE must not exist; it is created readable by its owner"
                    + " only.")
    static final class Export implements Callable<Integer> {

        private static final ObjectMapper JSON = new ObjectMapper();

        @ParentCommand
        private UsersCommand users;
        @Spec
        private CommandSpec spec;
        @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "jsonl (the only one)")
        private ExportFormat format;
        @Parameters(index = "0", paramLabel = "FILE")
        private Path file;

        enum ExportFormat {
            jsonl
        }

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (OperatorCore operator = users.cli.openCore()) {
                try {
                    createOwnerOnly(file);
                } catch (FileAlreadyExistsException e) {
                    err.println("user-service: " + file + " exists; not overwritten");
                    return Cli.FAILURE;
                }
                long count;
                boolean done = false;
                try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    count = operator.core().exportUsers().exportUsers(Caller.operator(), user -> write(writer, user));
                    done = true;
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                } finally {
                    if (!done) {
                        Files.deleteIfExists(file);
                    }
                }
                out.println(count + " exported");
                return Cli.OK;
            }
        }

        private static void createOwnerOnly(Path file) throws IOException {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
        }

        private static void write(BufferedWriter writer, ImportUsersUseCase.ImportedUser user) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("email", user.email());
            line.put("passwordHash", user.passwordHash());
            line.put("firstname", user.firstname());
            line.put("lastname", user.lastname());
            line.put("language", user.language());
            line.put("confirmed", user.confirmed());
            line.put("deactivated", user.deactivated());
            line.put("attributes", user.attributes());
            line.put("roles", user.roles());
            try {
                writer.write(JSON.writeValueAsString(line));
                writer.newLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
