package io.userservice.rest;

import static io.userservice.rest.Pages.escape;

import io.userservice.core.domain.Passkey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

/**
 * The passkey parts of the hosted pages: the "Sign in with a passkey" button of the sign-in pages
 * and the portal's passkeys page. The buttons work through {@code /assets/passkeys.js}, a file
 * from this origin; they stay hidden until it runs.
 */
final class PasskeyPages {

    static final String SCRIPT = "<script src=\"/assets/" + PasskeyScript.NAME + "\" defer></script>\n";

    private final Pages pages;

    PasskeyPages(Pages pages) {
        this.pages = pages;
    }

    /** The sign-in button; a successful sign-in goes where {@code submitPath} answers. */
    String signInButton(String lang, String submitPath) {
        PageTexts.Texts t = pages.texts(lang);
        return "<div class=\"passkey\">\n"
                + "  <button type=\"button\" id=\"passkey-signin\" class=\"secondary\" hidden"
                + " data-options=\"/auth/passkey/options\" data-submit=\"" + escape(submitPath) + "\""
                + " data-message=\"passkey-message\" data-failed=\"" + escape(t.get("passkey.signin.failed")) + "\""
                + " data-unsupported=\"" + escape(t.get("passkey.unsupported")) + "\">"
                + escape(t.get("passkey.signin.button")) + "</button>\n"
                + "  <p id=\"passkey-message\" class=\"message error\" role=\"alert\" hidden></p>\n"
                + "</div>\n" + SCRIPT;
    }

    /**
     * A passkey button whose assertion is posted by submitting a form of the page: the script asks
     * {@code optionsPath} for the options with the form's hidden fields, puts the assertion into
     * the form's field {@code field}, and submits the form, so the answer is a page as the form's
     * other answers are (a redirect, or the page again with a message).
     */
    String formButton(String lang, String labelKey, String failedKey, String optionsPath, String formId,
                      String field) {
        PageTexts.Texts t = pages.texts(lang);
        return "<div class=\"passkey\">\n"
                + "  <button type=\"button\" id=\"passkey-signin\" class=\"secondary\" hidden"
                + " data-options=\"" + escape(optionsPath) + "\" data-form=\"" + escape(formId) + "\""
                + " data-field=\"" + escape(field) + "\""
                + " data-message=\"passkey-message\" data-failed=\"" + escape(t.get(failedKey)) + "\""
                + " data-unsupported=\"" + escape(t.get("passkey.unsupported")) + "\">"
                + escape(t.get(labelKey)) + "</button>\n"
                + "  <p id=\"passkey-message\" class=\"message error\" role=\"alert\" hidden></p>\n"
                + "</div>\n" + SCRIPT;
    }

    /** The user's passkeys with rename and remove forms, and the form that adds one. */
    String passkeysPage(String lang, List<Passkey> passkeys, String messageKey, boolean error) {
        PageTexts.Texts t = pages.texts(lang);
        DateTimeFormatter when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                .withLocale(Locale.forLanguageTag(lang)).withZone(ZoneOffset.UTC);
        String root = "/" + escape(lang) + "/user/passkeys";
        StringBuilder body = new StringBuilder("<h1>").append(escape(t.get("portal.passkeys.title"))).append("</h1>\n")
                .append("<p>").append(escape(t.get("portal.passkeys.lead"))).append("</p>\n");
        if (messageKey != null) {
            body.append(Pages.message("form-message", t.get(messageKey), error));
        }
        if (passkeys.isEmpty()) {
            body.append("<p id=\"no-passkeys\">").append(escape(t.get("portal.passkeys.none"))).append("</p>\n");
        } else {
            body.append("<ul class=\"sessions passkeys\">\n");
            int n = 0;
            for (Passkey p : passkeys) {
                n++;
                String action = root + "/" + escape(p.id());
                body.append("<li>\n<h2 class=\"passkey-name\">").append(escape(p.name())).append("</h2>\n<dl>\n")
                        .append(item(t.get("portal.passkeys.created"), time(when, p.createdAt())))
                        .append(item(t.get("portal.passkeys.lastUsed"), p.lastUsedAt() == null
                                ? escape(t.get("portal.passkeys.never")) : time(when, p.lastUsedAt())))
                        .append("</dl>\n<form method=\"post\" action=\"").append(action).append("/rename\">\n")
                        .append("  <div class=\"field\">\n    <label for=\"name-").append(n).append("\">")
                        .append(escape(t.get("portal.passkeys.name"))).append("</label>\n")
                        .append("    <input id=\"name-").append(n).append("\" name=\"name\" maxlength=\"")
                        .append(Passkey.MAX_NAME_LENGTH).append("\" value=\"").append(escape(p.name()))
                        .append("\" required>\n  </div>\n  <button type=\"submit\" class=\"secondary\">")
                        .append(escape(t.get("portal.passkeys.rename"))).append("</button>\n</form>\n")
                        .append("<form method=\"post\" action=\"").append(action).append("/delete\">\n")
                        .append("  <button type=\"submit\" class=\"secondary\">")
                        .append(escape(t.get("portal.passkeys.delete"))).append("</button>\n</form>\n</li>\n");
            }
            body.append("</ul>\n");
        }
        body.append("<h2>").append(escape(t.get("portal.passkeys.add"))).append("</h2>\n")
                .append("<p id=\"add-lead\">").append(escape(t.get("portal.passkeys.addLead"))).append("</p>\n")
                .append(PortalPages.field("passkey-password", "password", t.get("portal.password"), "current-password",
                        null, " aria-describedby=\"add-lead\""))
                .append("  <div class=\"field\">\n    <label for=\"passkey-name\">")
                .append(escape(t.get("portal.passkeys.name"))).append("</label>\n")
                .append("    <input id=\"passkey-name\" name=\"passkey-name\" maxlength=\"")
                .append(Passkey.MAX_NAME_LENGTH).append("\">\n  </div>\n")
                .append("<button type=\"button\" id=\"passkey-register\" data-options=\"").append(root)
                .append("/options\" data-submit=\"").append(root).append("\" data-password=\"passkey-password\"")
                .append(" data-name=\"passkey-name\" data-message=\"passkey-message\" data-failed=\"")
                .append(escape(t.get("portal.passkeys.failed"))).append("\" data-unsupported=\"")
                .append(escape(t.get("passkey.unsupported"))).append("\">")
                .append(escape(t.get("portal.passkeys.add"))).append("</button>\n")
                .append("<p id=\"passkey-message\" class=\"message error\" role=\"alert\" hidden></p>\n")
                .append(SCRIPT);
        return pages.page(t, lang, t.get("portal.passkeys.title"), body.toString());
    }

    private static String item(String term, String html) {
        return "  <dt>" + escape(term) + "</dt><dd>" + html + "</dd>\n";
    }

    private static String time(DateTimeFormatter when, Instant instant) {
        return "<time datetime=\"" + escape(instant.toString()) + "\">" + escape(when.format(instant)) + " UTC</time>";
    }
}
