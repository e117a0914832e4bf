package io.userservice.mail;

/**
 * Every word the mails say, in one language. Placeholders: {@code {product}} for the product
 * name and {@code {name}} for the reader's first name.
 *
 * @param language          the BCP 47 tag of the texts
 * @param greeting          the greeting when the first name is known
 * @param anonymousGreeting the greeting otherwise
 * @param codeHint          leads to the code, for readers who cannot open the link
 * @param signature         the last line
 */
record MailTexts(String language, String greeting, String anonymousGreeting, String codeHint, String signature,
                 MailTemplate emailConfirmation, MailTemplate passwordReset) {

    static final MailTexts ENGLISH = new MailTexts(
            "en",
            "Hello {name},",
            "Hello,",
            "If the link does not open, enter this code instead:",
            "{product}",
            new MailTemplate(
                    "Confirm your email address for {product}",
                    "Please confirm the email address of your {product} account by opening this link:",
                    "Confirm my email address",
                    "If you did not create a {product} account, you can ignore this email."),
            new MailTemplate(
                    "Reset your {product} password",
                    "We received a request to reset the password of your {product} account."
                            + " To choose a new password, open this link:",
                    "Choose a new password",
                    "If you did not ask for this, you can ignore this email: your password stays unchanged."));

    MailTemplate template(MailKind kind) {
        return switch (kind) {
            case EMAIL_CONFIRMATION -> emailConfirmation;
            case PASSWORD_RESET -> passwordReset;
        };
    }
}
