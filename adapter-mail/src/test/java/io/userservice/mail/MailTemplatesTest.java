package io.userservice.mail;

import static io.userservice.mail.Users.aMail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.domain.MailKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MailTemplatesTest {

    private static final MailSettings SETTINGS = MailSettings.of("https://id.example.com", "no-reply@example.com")
            .withProductName("Acme ID");

    private static MailMessage compose(MailTemplates templates, MailKind kind, String language) {
        return new MailComposer(SETTINGS, templates).compose(aMail(kind, "Zoë", language, "c0de"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            en    | en | EMAIL_CONFIRMATION | Confirm your email address for Acme ID           | Hello Zoë,   | If you did not create a Acme ID account
            de    | de | EMAIL_CONFIRMATION | Bestätigen Sie Ihre E-Mail-Adresse für Acme ID  | Hallo Zoë,   | Falls Sie kein Acme ID-Konto angelegt haben
            fr    | fr | EMAIL_CONFIRMATION | Confirmez votre adresse e-mail pour Acme ID     | Bonjour Zoë, | Si vous n'avez pas créé de compte Acme ID
            es    | es | EMAIL_CONFIRMATION | Confirma tu dirección de correo para Acme ID    | Hola, Zoë:   | Si no creaste una cuenta de Acme ID
            en    | en | PASSWORD_RESET     | Reset your Acme ID password                      | Hello Zoë,   | your password stays unchanged
            de    | de | PASSWORD_RESET     | Setzen Sie Ihr Acme ID-Passwort zurück           | Hallo Zoë,   | Ihr Passwort bleibt unverändert
            fr    | fr | PASSWORD_RESET     | Réinitialisez votre mot de passe Acme ID         | Bonjour Zoë, | votre mot de passe reste inchangé
            es    | es | PASSWORD_RESET     | Restablece tu contraseña de Acme ID              | Hola, Zoë:   | tu contraseña no cambia
            de-CH | de | PASSWORD_RESET     | Setzen Sie Ihr Acme ID-Passwort zurück           | Hallo Zoë,   | Ihr Passwort bleibt unverändert
            pt-BR | en | PASSWORD_RESET     | Reset your Acme ID password                      | Hello Zoë,   | your password stays unchanged
            """)
    void eachLanguageHasItsSubjectBodyAndWhatToDoWhenTheMailWasNotAskedFor(String language, String template,
                                                                            MailKind kind,
                                                                            String subject, String greeting,
                                                                            String ignoreHint) {
        MailMessage mail = compose(MailTemplates.builtIn(), kind, language);

        assertThat(mail.subject()).isEqualTo(subject);
        assertThat(mail.text()).startsWith(greeting).contains(ignoreHint, "c0de", "Acme ID");
        assertThat(mail.html()).contains("<html lang=\"" + template + "\">")
                .contains(greeting).contains(">c0de</code>")
                .contains("href=\"https://id.example.com/" + language + "/user/");
    }

    @Test
    void filesInTheOverrideDirectoryWinAndTheRestStaysBuiltIn(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("reset-password.de.subject"), "Neues Passwort für {product}, {name}\n");
        Files.writeString(dir.resolve("reset-password.de.html"), "<p>Hallo {name}: <a href=\"{link}\">{code}</a></p>");
        Files.writeString(dir.resolve("confirm-email.nl.subject"), "Bevestig je e-mailadres voor {product}");
        Files.writeString(dir.resolve("README.md"), "not a template");

        MailTemplates templates = MailTemplates.withOverrides(dir);
        MailMessage german = compose(templates, MailKind.PASSWORD_RESET, "de");
        MailMessage dutch = compose(templates, MailKind.EMAIL_CONFIRMATION, "nl");

        assertThat(german.subject()).isEqualTo("Neues Passwort für Acme ID, Zoë");
        assertThat(german.html()).isEqualTo("<p>Hallo Zoë: <a href=\"https://id.example.com/de/user/resetPassword/"
                + "complete?code=c0de\">c0de</a></p>");
        assertThat(german.text()).as("not overridden: built in").startsWith("Hallo Zoë,");
        assertThat(dutch.subject()).isEqualTo("Bevestig je e-mailadres voor Acme ID");
        assertThat(dutch.text()).as("no Dutch body: English").startsWith("Hello Zoë,");
    }

    @Test
    void anUnknownPlaceholderStopsTheStartWithTheFileNamed(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("confirm-email.en.txt"), "Hello {nmae}");

        assertThatThrownBy(() -> MailTemplates.withOverrides(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("confirm-email.en.txt").hasMessageContaining("{nmae}");
    }

    @Test
    void anUnknownKindStopsTheStart(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("welcome.en.txt"), "Hello");

        assertThatThrownBy(() -> MailTemplates.withOverrides(dir))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown kind 'welcome'");
    }

    @Test
    void aMissingDirectoryStopsTheStart(@TempDir Path dir) {
        assertThatThrownBy(() -> MailTemplates.withOverrides(dir.resolve("absent")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a directory");
    }
}
