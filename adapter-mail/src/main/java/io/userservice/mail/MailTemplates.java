package io.userservice.mail;

import io.userservice.core.domain.MailKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The words of every mail, per kind and language: a subject, a plain-text body and an HTML body.
 * Built-in templates exist in {@link #BUILT_IN_LANGUAGES}; an operator may override any of them, or
 * add languages, with files in a directory named {@code {kind}.{language}.{part}}, where kind is
 * {@code confirm-email} or {@code reset-password}, language a tag such as {@code de} or
 * {@code pt-BR}, and part {@code subject}, {@code txt} or {@code html} (UTF-8). A file in the
 * directory wins over the built-in template of the same name.
 *
 * <p>For a reader's language the most specific template wins: {@code de-CH}, then {@code de}, then
 * English. Placeholders are {@link #PLACEHOLDERS}; every value is HTML-escaped in HTML bodies.
 */
public final class MailTemplates {

    /** The languages with built-in templates. */
    public static final List<String> BUILT_IN_LANGUAGES = List.of("en", "de", "fr", "es");

    /** What templates may say in braces: product name, reader's name, address, link and code. */
    public static final Set<String> PLACEHOLDERS = Set.of("product", "name", "email", "link", "code");

    private static final String FALLBACK = "en";
    private static final List<String> PARTS = List.of("subject", "txt", "html");
    private static final Pattern FILE = Pattern.compile("([a-z-]+)\\.([A-Za-z0-9-]+)\\.(subject|txt|html)");
    private static final String RESOURCES = "templates/";

    private final Map<String, String> files;

    private MailTemplates(Map<String, String> files) {
        this.files = files;
    }

    /** The built-in templates only. */
    public static MailTemplates builtIn() {
        Map<String, String> files = new HashMap<>();
        for (MailKind kind : MailKind.values()) {
            for (String language : BUILT_IN_LANGUAGES) {
                for (String part : PARTS) {
                    String name = fileName(kind, language, part);
                    files.put(name, resource(name));
                }
            }
        }
        return new MailTemplates(files);
    }

    /**
     * The built-in templates with the files of this directory over them, read once now.
     *
     * @throws IllegalArgumentException when the directory cannot be read, a file is named like a
     *                                  template of an unknown kind, or a template uses an unknown
     *                                  placeholder
     */
    public static MailTemplates withOverrides(Path directory) {
        Map<String, String> files = new HashMap<>(builtIn().files);
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("mail templates directory " + directory + " is not a directory");
        }
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path file : entries.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                Matcher m = FILE.matcher(name);
                if (!m.matches()) {
                    continue;
                }
                if (kindOf(m.group(1)).isEmpty()) {
                    throw new IllegalArgumentException("mail template " + file + ": unknown kind '" + m.group(1)
                            + "', expected confirm-email, reset-password,"
                            + " change-email, password-changed or email-changed");
                }
                String text = Files.readString(file, StandardCharsets.UTF_8);
                checkPlaceholders(file.toString(), text);
                files.put(name, text);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read mail templates from " + directory + ": " + e, e);
        }
        return new MailTemplates(files);
    }

    /** The subject, text and HTML template for this kind of mail in the reader's language. */
    Template template(MailKind kind, String language) {
        List<String> candidates = languageCandidates(language);
        return new Template(part(kind, candidates, "subject"), part(kind, candidates, "txt"),
                part(kind, candidates, "html"));
    }

    /** The templates of one mail. */
    record Template(String subject, String text, String html) {
    }

    private String part(MailKind kind, List<String> candidates, String part) {
        for (String language : candidates) {
            String text = files.get(fileName(kind, language, part));
            if (text != null) {
                return text;
            }
        }
        throw new IllegalStateException("no " + part + " template for " + kind);
    }

    static List<String> languageCandidates(String language) {
        List<String> candidates = new ArrayList<>();
        if (language != null && !language.isBlank()) {
            candidates.add(language);
            int dash = language.indexOf('-');
            if (dash > 0) {
                candidates.add(language.substring(0, dash).toLowerCase(Locale.ROOT));
            } else {
                candidates.add(language.toLowerCase(Locale.ROOT));
            }
        }
        candidates.add(FALLBACK);
        return candidates;
    }

    static String fileName(MailKind kind, String language, String part) {
        return kindName(kind) + "." + language + "." + part;
    }

    private static String kindName(MailKind kind) {
        return switch (kind) {
            case EMAIL_CONFIRMATION -> "confirm-email";
            case PASSWORD_RESET -> "reset-password";
            case EMAIL_CHANGE -> "change-email";
            case PASSWORD_CHANGED_NOTICE -> "password-changed";
            case EMAIL_CHANGED_NOTICE -> "email-changed";
            case MFA_ENABLED_NOTICE -> "mfa-enabled";
            case MFA_DISABLED_NOTICE -> "mfa-disabled";
            case MFA_RESET_NOTICE -> "mfa-reset";
            case RECOVERY_CODE_USED_NOTICE -> "recovery-code-used";
        };
    }

    private static Optional<MailKind> kindOf(String name) {
        for (MailKind kind : MailKind.values()) {
            if (kindName(kind).equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    private static void checkPlaceholders(String where, String text) {
        Matcher m = Placeholders.PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                throw new IllegalArgumentException("mail template " + where + ": unknown placeholder " + m.group()
                        + ", known are " + PLACEHOLDERS.stream().sorted().map(p -> "{" + p + "}").toList());
            }
        }
    }

    private static String resource(String name) {
        try (InputStream in = MailTemplates.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("built-in mail template " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
