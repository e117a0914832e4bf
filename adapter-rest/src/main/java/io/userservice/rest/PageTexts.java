package io.userservice.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The words of the hosted pages: one resource bundle file per language,
 * {@code messages_{language}.properties} (UTF-8), kept beside the mail templates.
 * English, German, French and Spanish are built in. A directory of files (the server's
 * {@code USERSVC_MAIL_TEMPLATES}, which also holds the mails) overrides single texts and adds
 * languages, so a language added for the mails adds its pages in the same place. A page in
 * {@code de-CH} reads {@code de-CH}, then {@code de}, then English.
 */
public final class PageTexts {

    static final String DEFAULT_LANGUAGE = "en";
    private static final List<String> BUILT_IN = List.of("en", "de", "fr", "es");
    private static final String RESOURCES = "/io/userservice/rest/pages/";
    private static final Pattern FILE = Pattern.compile("messages_([a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{1,8}){0,3})\\.properties");

    private final Map<String, Map<String, String>> byLanguage;

    private PageTexts(Map<String, Map<String, String>> byLanguage) {
        this.byLanguage = byLanguage;
    }

    /** The built-in texts only. */
    public static PageTexts builtIn() {
        Map<String, Map<String, String>> texts = new LinkedHashMap<>();
        for (String language : BUILT_IN) {
            try (InputStream in = PageTexts.class.getResourceAsStream(RESOURCES + fileName(language))) {
                if (in == null) {
                    throw new IllegalStateException("the page texts for " + language + " are missing from the jar");
                }
                texts.put(language, read(new InputStreamReader(in, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the page texts for " + language, e);
            }
        }
        return new PageTexts(texts);
    }

    static String fileName(String language) {
        return "messages_" + language + ".properties";
    }

    /**
     * The built-in texts with the {@code messages_{language}.properties} files of {@code directory}
     * over them, read once; other files there (the mail templates) are left to their reader.
     *
     * @throws IllegalArgumentException naming the file, for a file that cannot be read, a key the
     *                                  built-in texts do not have, or a new language (one with no
     *                                  built-in language to fall back on before English) that lacks
     *                                  a key: its pages would mix two languages
     */
    public static PageTexts withOverrides(Path directory) {
        PageTexts builtIn = builtIn();
        Set<String> known = builtIn.byLanguage.get(DEFAULT_LANGUAGE).keySet();
        Map<String, Map<String, String>> texts = new LinkedHashMap<>();
        builtIn.byLanguage.forEach((language, values) -> texts.put(language, new HashMap<>(values)));
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("not a directory: " + directory);
        }
        Map<String, String> fileOf = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "messages*")) {
            for (Path file : files) {
                var name = FILE.matcher(file.getFileName().toString());
                if (!name.matches() || !Files.isRegularFile(file)) {
                    throw new IllegalArgumentException(file.getFileName() + " is not named messages_{language}.properties");
                }
                Map<String, String> values;
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    values = read(reader);
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot read " + file.getFileName() + ": " + e.getMessage());
                }
                for (String key : new TreeSet<>(values.keySet())) {
                    if (!known.contains(key)) {
                        throw new IllegalArgumentException(file.getFileName() + " has the unknown key " + key);
                    }
                }
                String language = canonical(name.group(1).replace('_', '-'));
                texts.computeIfAbsent(language, l -> new HashMap<>()).putAll(values);
                fileOf.put(language, file.getFileName().toString());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list " + directory + ": " + e.getMessage());
        }
        for (Map.Entry<String, String> added : fileOf.entrySet()) {
            Set<String> missing = new TreeSet<>(known);
            List<String> chain = candidates(added.getKey());
            for (String candidate : chain.subList(0, chain.size() - 1)) {
                missing.removeAll(texts.getOrDefault(candidate, Map.of()).keySet());
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException(added.getValue() + " lacks the keys " + String.join(", ", missing)
                        + " (a language with no built-in language to fall back on needs every key)");
            }
        }
        return new PageTexts(texts);
    }

    private static Map<String, String> read(Reader reader) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
        return values;
    }

    /** The languages that have texts of their own. */
    public Set<String> languages() {
        return new TreeSet<>(byLanguage.keySet());
    }

    /** The keys of a language's own file (not those it falls back for). */
    Set<String> keysOf(String language) {
        return new TreeSet<>(byLanguage.getOrDefault(canonical(language), Map.of()).keySet());
    }

    /** The texts for a page in this language tag. */
    Texts of(String languageTag) {
        List<Map<String, String>> chain = new ArrayList<>();
        String lang = null;
        for (String candidate : candidates(languageTag)) {
            Map<String, String> values = byLanguage.get(candidate);
            if (values != null) {
                chain.add(values);
                if (lang == null) {
                    lang = candidate;
                }
            }
        }
        return new Texts(lang, chain);
    }

    /** {@code de-CH-x} reads {@code de-CH-x}, {@code de-CH}, {@code de}, then English. */
    private static List<String> candidates(String languageTag) {
        List<String> candidates = new ArrayList<>();
        if (languageTag != null && !languageTag.isBlank()) {
            String tag = canonical(languageTag);
            while (true) {
                candidates.add(tag);
                int dash = tag.lastIndexOf('-');
                if (dash < 0) {
                    break;
                }
                tag = tag.substring(0, dash);
            }
        }
        candidates.add(DEFAULT_LANGUAGE);
        return candidates;
    }

    private static String canonical(String tag) {
        return Locale.forLanguageTag(tag.strip()).toLanguageTag();
    }

    /** The texts of one page's language, each looked up along the fallback chain. */
    static final class Texts {
        private final String language;
        private final List<Map<String, String>> chain;

        private Texts(String language, List<Map<String, String>> chain) {
            this.language = language;
            this.chain = chain;
        }

        /** The language the texts are in, for {@code <html lang>}. */
        String language() {
            return language;
        }

        /** The text with these values filled in; unescaped, the page escapes it. */
        String get(String key, Map<String, String> values) {
            String text = null;
            for (Map<String, String> texts : chain) {
                text = texts.get(key);
                if (text != null) {
                    break;
                }
            }
            if (text == null) {
                throw new IllegalStateException("no page text " + key);
            }
            for (Map.Entry<String, String> value : values.entrySet()) {
                text = text.replace("{" + value.getKey() + "}", value.getValue());
            }
            return text;
        }

        String get(String key) {
            return get(key, Map.of());
        }
    }
}
