package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pages' words from the directory the mail templates live in. */
class PageTextsTest {

    @TempDir
    Path directory;

    private void write(String name, String text) throws IOException {
        Files.writeString(directory.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** Every English text, marked as this language's, as a complete file for a new language. */
    private static String everyKey(String mark) {
        PageTexts builtIn = PageTexts.builtIn();
        return builtIn.keysOf("en").stream()
                .map(key -> key + "=" + mark + " " + builtIn.of("en").get(key).replace("\n", " "))
                .collect(Collectors.joining("\n"));
    }

    @Test
    void everyBuiltInBundleHasEveryKeyWithAText() {
        PageTexts builtIn = PageTexts.builtIn();
        java.util.Set<String> english = new java.util.TreeSet<>(builtIn.keysOf("en"));
        assertThat(english).hasSizeGreaterThan(100);
        for (String language : java.util.List.of("de", "fr", "es")) {
            assertThat(new java.util.TreeSet<>(builtIn.keysOf(language))).as(language).isEqualTo(english);
            assertThat(english).as(language).allSatisfy(key ->
                    assertThat(builtIn.of(language).get(key)).as(language + " " + key).isNotBlank());
        }
    }

    @Test
    void aFileOverridesSingleTextsAndLeavesTheRestBuiltIn() throws IOException {
        write("messages_en.properties", "portal.signin.button=Log in\n");

        PageTexts texts = PageTexts.withOverrides(directory);

        assertThat(texts.of("en").get("portal.signin.button")).isEqualTo("Log in");
        assertThat(texts.of("en").get("portal.password")).isEqualTo(PageTexts.builtIn().of("en").get("portal.password"));
        assertThat(texts.of("de").get("portal.signin.button"))
                .isEqualTo(PageTexts.builtIn().of("de").get("portal.signin.button"));
    }

    @Test
    void aLanguageAddedBesideTheMailTemplatesGetsItsPages() throws IOException {
        write("confirm-email.it.subject", "Conferma");
        write("messages_it.properties", everyKey("[it]"));

        PageTexts texts = PageTexts.withOverrides(directory);

        assertThat(texts.languages()).contains("it");
        assertThat(texts.of("it").language()).isEqualTo("it");
        assertThat(texts.of("it-CH").get("portal.password")).startsWith("[it] ");
    }

    @Test
    void aRegionalVariantMayChangeOnlyAFewTexts() throws IOException {
        write("messages_de-CH.properties", "portal.signin.button=Einloggen\n");

        PageTexts texts = PageTexts.withOverrides(directory);

        assertThat(texts.of("de-CH").language()).isEqualTo("de-CH");
        assertThat(texts.of("de-CH").get("portal.signin.button")).isEqualTo("Einloggen");
        assertThat(texts.of("de-CH").get("portal.password")).isEqualTo(PageTexts.builtIn().of("de").get("portal.password"));
    }

    @Test
    void aRegionInTheResourceBundleSpellingCountsAsTheSameLanguageTag() throws IOException {
        write("messages_pt_BR.properties", everyKey("[pt-BR]"));

        assertThat(PageTexts.withOverrides(directory).of("pt-BR").language()).isEqualTo("pt-BR");
    }

    @Test
    void aNewLanguageLackingATextIsRefusedNamingTheKeys() throws IOException {
        write("messages_it.properties", everyKey("[it]").replaceAll("(?m)^portal\\.password=.*$", ""));

        assertThatThrownBy(() -> PageTexts.withOverrides(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("messages_it.properties lacks the keys portal.password");
    }

    @Test
    void anUnknownKeyIsRefusedNamingTheFile() throws IOException {
        write("messages_fr.properties", "portal.signin.buton=Se connecter\n");

        assertThatThrownBy(() -> PageTexts.withOverrides(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("messages_fr.properties has the unknown key portal.signin.buton");
    }

    @Test
    void aPagesFileNamedForNoLanguageIsRefused() throws IOException {
        write("messages.properties", "portal.signin.button=Log in\n");

        assertThatThrownBy(() -> PageTexts.withOverrides(directory))
                .hasMessage("messages.properties is not named messages_{language}.properties");
    }

    @Test
    void aMissingDirectoryIsRefused() {
        assertThatThrownBy(() -> PageTexts.withOverrides(directory.resolve("nowhere")))
                .hasMessageStartingWith("not a directory: ");
    }

    @Test
    void placeholdersAreFilledAndTheTextStaysUnescapedForThePageToEscape() {
        assertThat(PageTexts.builtIn().of("en").get("portal.home.hello", Map.of("name", "<Ann>")))
                .contains("<Ann>");
    }
}
