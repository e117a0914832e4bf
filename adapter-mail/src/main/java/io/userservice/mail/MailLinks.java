package io.userservice.mail;

import io.userservice.core.domain.Language;
import io.userservice.core.domain.MailKind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds the links in the mails, only ever below the configured public URL. */
final class MailLinks {

    private MailLinks() {
    }

    /**
     * {@code {publicUrl}/{language}/{page}?code={code}}, with the language and the code encoded; for
     * a notice, which carries no code, the page where a password is reset.
     */
    static String link(String publicUrl, MailKind kind, String language, String code) {
        String lang = language == null || language.isBlank() ? Language.DEFAULT : language;
        String page = publicUrl + "/" + encode(lang) + "/" + page(kind);
        return kind.carriesCode() ? page + "?code=" + encode(code) : page;
    }

    /** The path of the page the mail's link opens, below the public URL and the language. */
    static String page(MailKind kind) {
        return switch (kind) {
            case EMAIL_CONFIRMATION -> "user/confirm";
            case PASSWORD_RESET -> "user/resetPassword/complete";
            case EMAIL_CHANGE -> "user/email/confirm";
            case PASSWORD_CHANGED_NOTICE, EMAIL_CHANGED_NOTICE, MFA_ENABLED_NOTICE, MFA_DISABLED_NOTICE, MFA_RESET_NOTICE,
                 RECOVERY_CODE_USED_NOTICE -> "user/forgot";
        };
    }

    private static String encode(String value) {
        // URLEncoder writes a space as '+', which means a plus sign in a path segment.
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
