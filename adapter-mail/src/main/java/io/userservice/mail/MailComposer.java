package io.userservice.mail;

import io.userservice.core.domain.User;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Writes the mail for a user and a code, in plain text and in HTML. */
final class MailComposer {

    private final MailSettings settings;
    private final MailTexts texts;
    private final String messageIdDomain;

    MailComposer(MailSettings settings, MailTexts texts) {
        this.settings = settings;
        this.texts = texts;
        String sender = settings.fromAddress().getAddress();
        this.messageIdDomain = sender.substring(sender.lastIndexOf('@') + 1);
    }

    MailMessage compose(MailKind kind, User user, String code) {
        Objects.requireNonNull(code, "code");
        MailContent content = content(kind, user, code);
        return new MailMessage(kind, user.email().value(), content.subject(), TextLayout.render(content),
                HtmlLayout.render(content), newMessageId());
    }

    private MailContent content(MailKind kind, User user, String code) {
        String name = singleLine(user.firstname());
        Map<String, String> values = Map.of("product", settings.productName(), "name", name);
        MailTemplate template = texts.template(kind);
        String greeting = name.isEmpty() ? texts.anonymousGreeting() : texts.greeting();
        return new MailContent(
                texts.language(),
                Placeholders.fill(template.subject(), values),
                Placeholders.fill(greeting, values),
                Placeholders.fill(template.intro(), values),
                MailLinks.link(settings.publicUrl(), kind, user.language(), code),
                Placeholders.fill(template.button(), values),
                Placeholders.fill(texts.codeHint(), values),
                code,
                Placeholders.fill(template.ignoreHint(), values),
                Placeholders.fill(texts.signature(), values));
    }

    private String newMessageId() {
        return "<" + UUID.randomUUID() + "@" + messageIdDomain + ">";
    }

    // The core already refuses control characters in names; a mail must not depend on that.
    private static String singleLine(String name) {
        if (name == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(c -> out.appendCodePoint(
                Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c));
        return out.toString().strip();
    }
}
