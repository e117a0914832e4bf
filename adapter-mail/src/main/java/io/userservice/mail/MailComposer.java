package io.userservice.mail;

import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.OutboxMail;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes an outbox mail in the reader's language, in plain text and in HTML, with a
 * {@code Message-ID} that is the same on every attempt: {@code <outbox-{id}.{key}@{public host}>}.
 */
final class MailComposer {

    private final MailSettings settings;
    private final MailTemplates templates;
    private final String messageIdDomain;

    MailComposer(MailSettings settings, MailTemplates templates) {
        this.settings = settings;
        this.templates = templates;
        this.messageIdDomain = URI.create(settings.publicUrl()).getHost();
    }

    MailMessage compose(OutboxMail mail) {
        if (mail.kind().carriesCode() && mail.code() == null) {
            throw new IllegalArgumentException("outbox mail " + mail.id() + " carries no code");
        }
        MailTemplates.Template template = templates.template(mail.kind(), mail.language());
        Map<String, String> values = new HashMap<>();
        values.put("product", settings.productName());
        values.put("name", displayName(mail));
        values.put("email", mail.recipient());
        values.put("link", MailLinks.link(settings.publicUrl(), mail.kind(), mail.language(), mail.code()));
        values.put("code", mail.code() == null ? "" : mail.code());
        String subject = singleLine(Placeholders.fill(template.subject(), values));
        String text = Placeholders.fill(template.text(), values);
        Map<String, String> escaped = new HashMap<>();
        values.forEach((key, value) -> escaped.put(key, Html.escape(value)));
        String html = Placeholders.fill(template.html(), escaped);
        return new MailMessage(mail.kind(), mail.recipient(), subject, text, html, messageId(mail));
    }

    private String messageId(OutboxMail mail) {
        return "<outbox-" + mail.id() + "." + mail.messageKey() + "@" + messageIdDomain + ">";
    }

    /** The first name, or the address when there is none. */
    private static String displayName(OutboxMail mail) {
        String name = singleLine(mail.firstname() == null ? "" : mail.firstname());
        return name.isEmpty() ? mail.recipient() : name;
    }

    // The core already refuses control characters in names; a mail must not depend on that.
    private static String singleLine(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(
                Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c));
        return out.toString().strip();
    }

    static String description(MailKind kind) {
        return switch (kind) {
            case EMAIL_CONFIRMATION -> "email confirmation";
            case PASSWORD_RESET -> "password reset";
            case EMAIL_CHANGE -> "email change";
            case PASSWORD_CHANGED_NOTICE -> "password changed notice";
            case EMAIL_CHANGED_NOTICE -> "email changed notice";
            case MFA_ENABLED_NOTICE -> "two-factor enabled notice";
            case MFA_DISABLED_NOTICE -> "two-factor disabled notice";
            case MFA_RESET_NOTICE -> "two-factor reset notice";
            case RECOVERY_CODE_USED_NOTICE -> "recovery code used notice";
        };
    }
}
