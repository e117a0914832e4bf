package io.userservice.rest;

import java.util.Locale;
import java.util.Map;

/**
 * The words of the pages behind the mail links, in the languages the mails speak (English,
 * German, French, Spanish). A language tag is matched by its primary subtag ({@code de-CH} reads
 * German); any other language reads English. {@code {min}} and {@code {max}} stand for the
 * password policy's lengths.
 */
record AccountPageTexts(String language, String confirmTitle, String confirmLead, String confirmButton,
                        String confirmedTitle, String confirmedMessage, String resetTitle, String resetRules,
                        String passwordLabel, String resetButton, String resetDoneTitle, String resetDoneMessage,
                        String linkProblem, String useTheMailLink, String signIn, String passwordRequired,
                        String passwordTooShort, String passwordTooLong, String passwordInvalid,
                        String passwordTooCommon, String tooManyAttempts, String managedByDirectory) {

    private static final AccountPageTexts ENGLISH = new AccountPageTexts("en",
            "Confirm your email",
            "Press the button to confirm the email address of your account.",
            "Confirm my email",
            "Email confirmed",
            "Your email address is confirmed. You can sign in now.",
            "Choose a new password",
            "Use at least {min} and at most {max} characters. Any characters are allowed, except the most"
                    + " commonly used passwords; a long passphrase is easiest to remember.",
            "New password",
            "Set the new password",
            "Password changed",
            "Your new password is set, and every other session of your account has been signed out.",
            "This link is invalid, has expired or has already been used. Please ask for a new email.",
            "Please use the link from the email.",
            "Sign in",
            "Please enter a new password.",
            "The password must be at least {min} characters long.",
            "The password may be at most {max} characters long.",
            "This password cannot be used; it may not contain a NUL character.",
            "This password is one of the most common ones and easy to guess. Please choose another.",
            "Too many attempts. Please wait a few minutes and try again.",
            "Passwords are managed in your company directory and cannot be reset here. Please ask your administrator.");

    private static final Map<String, AccountPageTexts> BY_LANGUAGE = Map.of(
            "en", ENGLISH,
            "de", new AccountPageTexts("de",
                    "E-Mail-Adresse bestätigen",
                    "Drücken Sie die Schaltfläche, um die E-Mail-Adresse Ihres Kontos zu bestätigen.",
                    "E-Mail-Adresse bestätigen",
                    "E-Mail-Adresse bestätigt",
                    "Ihre E-Mail-Adresse ist bestätigt. Sie können sich jetzt anmelden.",
                    "Neues Passwort wählen",
                    "Verwenden Sie mindestens {min} und höchstens {max} Zeichen. Alle Zeichen sind erlaubt; ein"
                            + " langer Satz ist am leichtesten zu merken.",
                    "Neues Passwort",
                    "Neues Passwort speichern",
                    "Passwort geändert",
                    "Ihr neues Passwort ist gesetzt, und alle anderen Sitzungen Ihres Kontos wurden abgemeldet.",
                    "Dieser Link ist ungültig, abgelaufen oder wurde bereits verwendet. Bitte fordern Sie eine"
                            + " neue E-Mail an.",
                    "Bitte verwenden Sie den Link aus der E-Mail.",
                    "Anmelden",
                    "Bitte geben Sie ein neues Passwort ein.",
                    "Das Passwort muss mindestens {min} Zeichen lang sein.",
                    "Das Passwort darf höchstens {max} Zeichen lang sein.",
                    "Dieses Passwort ist nicht möglich; es darf kein NUL-Zeichen enthalten.",
                    "Dieses Passwort gehört zu den häufigsten und ist leicht zu erraten. Bitte wählen Sie ein"
                            + " anderes.",
                    "Zu viele Versuche. Bitte warten Sie einige Minuten und versuchen Sie es erneut.",
                    "Passwörter werden im Verzeichnis Ihres Unternehmens verwaltet und können hier nicht zurückgesetzt werden. Bitte wenden Sie sich an Ihre Administration."),
            "fr", new AccountPageTexts("fr",
                    "Confirmez votre adresse e-mail",
                    "Appuyez sur le bouton pour confirmer l'adresse e-mail de votre compte.",
                    "Confirmer mon adresse e-mail",
                    "Adresse e-mail confirmée",
                    "Votre adresse e-mail est confirmée. Vous pouvez vous connecter.",
                    "Choisissez un nouveau mot de passe",
                    "Utilisez au moins {min} et au plus {max} caractères. Tous les caractères sont permis ; une"
                            + " longue phrase est la plus facile à retenir.",
                    "Nouveau mot de passe",
                    "Enregistrer le nouveau mot de passe",
                    "Mot de passe modifié",
                    "Votre nouveau mot de passe est enregistré et toutes les autres sessions de votre compte ont"
                            + " été fermées.",
                    "Ce lien est invalide, a expiré ou a déjà été utilisé. Veuillez demander un nouvel e-mail.",
                    "Veuillez utiliser le lien de l'e-mail.",
                    "Se connecter",
                    "Veuillez saisir un nouveau mot de passe.",
                    "Le mot de passe doit comporter au moins {min} caractères.",
                    "Le mot de passe peut comporter au plus {max} caractères.",
                    "Ce mot de passe n'est pas accepté ; il ne peut pas contenir de caractère NUL.",
                    "Ce mot de passe fait partie des plus courants et se devine facilement. Veuillez en choisir"
                            + " un autre.",
                    "Trop de tentatives. Veuillez patienter quelques minutes et réessayer.",
                    "Les mots de passe sont gérés dans l'annuaire de votre entreprise et ne peuvent pas être"
                            + " réinitialisés ici. Veuillez vous adresser à votre administrateur."),
            "es", new AccountPageTexts("es",
                    "Confirma tu dirección de correo",
                    "Pulsa el botón para confirmar la dirección de correo de tu cuenta.",
                    "Confirmar mi dirección de correo",
                    "Dirección de correo confirmada",
                    "Tu dirección de correo está confirmada. Ya puedes iniciar sesión.",
                    "Elige una contraseña nueva",
                    "Usa al menos {min} y como máximo {max} caracteres. Se admite cualquier carácter; una frase"
                            + " larga es lo más fácil de recordar.",
                    "Contraseña nueva",
                    "Guardar la contraseña nueva",
                    "Contraseña cambiada",
                    "Tu contraseña nueva está guardada y se han cerrado todas las demás sesiones de tu cuenta.",
                    "Este enlace no es válido, ha caducado o ya se ha usado. Solicita un correo nuevo.",
                    "Usa el enlace del correo.",
                    "Iniciar sesión",
                    "Introduce una contraseña nueva.",
                    "La contraseña debe tener al menos {min} caracteres.",
                    "La contraseña puede tener como máximo {max} caracteres.",
                    "Esta contraseña no se admite; no puede contener el carácter NUL.",
                    "Esta contraseña es de las más comunes y fácil de adivinar. Elige otra.",
                    "Demasiados intentos. Espera unos minutos y vuelve a intentarlo.",
                    "Las contraseñas se gestionan en el directorio de su empresa y no pueden restablecerse aquí."
                            + " Consulte a su administrador."));

    /** The texts for this language tag, English when there are none. */
    static AccountPageTexts of(String languageTag) {
        if (languageTag == null) {
            return ENGLISH;
        }
        String primary = languageTag.split("-", 2)[0].toLowerCase(Locale.ROOT);
        return BY_LANGUAGE.getOrDefault(primary, ENGLISH);
    }

    /** The text with the password policy's lengths filled in. */
    static String withLengths(String text, int min, int max) {
        return text.replace("{min}", Integer.toString(min)).replace("{max}", Integer.toString(max));
    }

    /** The message for a password the policy refused, by the refusal's code. */
    String passwordProblem(String code, int min, int max) {
        String text = switch (code) {
            case "password_too_short" -> passwordTooShort;
            case "password_too_long" -> passwordTooLong;
            case "password_required" -> passwordRequired;
            case "password_too_common" -> passwordTooCommon;
            default -> passwordInvalid;
        };
        return withLengths(text, min, max);
    }
}
