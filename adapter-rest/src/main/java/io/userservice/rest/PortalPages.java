package io.userservice.rest;

import static io.userservice.rest.Pages.escape;

import io.userservice.core.domain.User;
import java.util.Map;

/** The portal's pages: sign-in, the signed-in home, and asking for a password reset. */
final class PortalPages {

    /** The second page's field for a passkey assertion; a form that has it offered the passkey. */
    static final String MFA_PASSKEY_FIELD = "webauthn";

    private final Pages pages;

    PortalPages(Pages pages) {
        this.pages = pages;
    }

    String signedIn(String lang, User user) {
        PageTexts.Texts t = pages.texts(lang);
        String name = user.firstname() == null || user.firstname().isBlank() ? user.email().value() : user.firstname();
        return pages.page(t, lang, t.get("portal.home.title"),
                "<h1>" + escape(t.get("portal.home.hello", Map.of("name", name))) + "</h1>\n"
                        + "<p>" + escape(t.get("portal.home.signedInAs", Map.of("email", user.email().value())))
                        + "</p>\n"
                        + "<ul>\n"
                        + link(lang, "user/password", t.get("portal.password.title"))
                        + link(lang, "user/sessions", t.get("portal.sessions.title"))
                        + link(lang, "user/passkeys", t.get("portal.passkeys.title"))
                        + link(lang, "user/delete", t.get("portal.delete.title"))
                        + "</ul>\n"
                        + "<form method=\"post\" action=\"/" + escape(lang) + "/user/signout\">\n"
                        + "  <button type=\"submit\" class=\"secondary\">" + escape(t.get("portal.signout"))
                        + "</button>\n</form>\n");
    }

    /**
     * The sign-in form; {@code messageKey} names a text to show (an error is announced and tied
     * to the fields), and {@code email} refills the email field.
     */
    String signInForm(String lang, String messageKey, boolean error, String email, String redirectUrl) {
        PageTexts.Texts t = pages.texts(lang);
        String notice = messageKey == null ? "" : Pages.message("form-message", t.get(messageKey), error);
        String described = error && messageKey != null ? " aria-describedby=\"form-message\" aria-invalid=\"true\"" : "";
        String redirect = redirectUrl == null ? ""
                : "  <input type=\"hidden\" name=\"redirectUrl\" value=\"" + escape(redirectUrl) + "\">\n";
        return pages.page(t, lang, t.get("portal.signin.title"),
                "<h1>" + escape(t.get("portal.signin.heading", Map.of("product", pages.productName()))) + "</h1>\n"
                        + notice
                        + "<form method=\"post\" action=\"/" + escape(lang) + "/user/signin\">\n"
                        + field("email", "email", t.get("portal.email"), "username", email, described)
                        + field("password", "password", t.get("portal.password"), "current-password", null,
                        described)
                        + redirect
                        + "  <button type=\"submit\">" + escape(t.get("portal.signin.button")) + "</button>\n"
                        + "</form>\n"
                        + "<p><a href=\"/" + escape(lang) + "/user/forgot\">" + escape(t.get("portal.forgot"))
                        + "</a></p>\n"
                        // after the link, so the link keeps its place, spacing and tab order when the script
                        // shows the button
                        + new PasskeyPages(pages).signInButton(lang, "/" + lang + "/user/passkey"));
    }

    /**
     * The second page of a sign-in with two-factor authentication on: one field for an
     * authenticator code or a recovery code, and the challenge token in a hidden field; and, for an
     * account with a passkey, a button that answers with the passkey through the same form.
     *
     * @param action          where the form posts
     * @param hidden          further hidden fields (already HTML), e.g. the OpenID Connect request
     * @param errorKey        the text of what went wrong with the last answer, or null
     * @param passkeyOptions  where the passkey button asks for its options, or null for no button
     */
    String mfaForm(String lang, String action, String mfaToken, String hidden, String errorKey,
                   String passkeyOptions) {
        PageTexts.Texts t = pages.texts(lang);
        boolean wrong = errorKey != null;
        String notice = wrong ? Pages.message("form-message", t.get(errorKey), true) : "";
        String described = wrong ? " aria-describedby=\"mfa-lead form-message\" aria-invalid=\"true\""
                : " aria-describedby=\"mfa-lead\"";
        boolean passkey = passkeyOptions != null;
        return pages.page(t, lang, t.get("portal.mfa.title"),
                "<h1>" + escape(t.get("portal.mfa.title")) + "</h1>\n"
                        + "<p id=\"mfa-lead\">" + escape(t.get("portal.mfa.lead")) + "</p>\n"
                        + notice
                        + "<form id=\"mfa-form\" method=\"post\" action=\"" + escape(action) + "\">\n"
                        + field("code", "text", t.get("portal.mfa.code"), "one-time-code", null,
                        described + " inputmode=\"text\" maxlength=\"64\" autofocus")
                        + "  <input type=\"hidden\" name=\"mfaToken\" value=\"" + escape(mfaToken) + "\">\n"
                        + hidden
                        + (passkey ? "  <input type=\"hidden\" name=\"" + MFA_PASSKEY_FIELD + "\" value=\"\">\n" : "")
                        + "  <button type=\"submit\">" + escape(t.get("portal.mfa.button")) + "</button>\n"
                        + "</form>\n"
                        + (passkey ? new PasskeyPages(pages).formButton(lang, "passkey.mfa.button",
                        "passkey.mfa.failed", passkeyOptions, "mfa-form", MFA_PASSKEY_FIELD) : ""));
    }

    /** The form that asks for a reset mail; {@code errorKey} names a problem with the email given. */
    String forgotForm(String lang, String errorKey, String email) {
        PageTexts.Texts t = pages.texts(lang);
        String notice = errorKey == null ? "" : Pages.message("email-error", t.get(errorKey), true);
        String described = errorKey == null ? " aria-describedby=\"forgot-lead\""
                : " aria-describedby=\"forgot-lead email-error\" aria-invalid=\"true\"";
        return pages.page(t, lang, t.get("forgot.title"),
                "<h1>" + escape(t.get("forgot.title")) + "</h1>\n"
                        + "<p id=\"forgot-lead\">" + escape(t.get("forgot.lead")) + "</p>\n" + notice
                        + "<form method=\"post\" action=\"/" + escape(lang) + "/user/forgot\">\n"
                        + field("email", "email", t.get("portal.email"), "username", email, described)
                        + "  <button type=\"submit\">" + escape(t.get("forgot.button")) + "</button>\n"
                        + "</form>\n"
                        + "<p><a href=\"/" + escape(lang) + "/\">" + escape(t.get("forgot.back")) + "</a></p>\n");
    }

    /** The same answer for every email: known, unknown, or over its limit. */
    String forgotSent(String lang, String email) {
        PageTexts.Texts t = pages.texts(lang);
        return pages.page(t, lang, t.get("forgot.sent.title"),
                "<h1>" + escape(t.get("forgot.sent.title")) + "</h1>\n"
                        + Pages.message("sent", t.get("forgot.sent.message", Map.of("email", email)), false));
    }

    /** A page with a heading and one message, for what a form could not do. */
    String notice(String lang, String titleKey, String messageKey) {
        PageTexts.Texts t = pages.texts(lang);
        return pages.page(t, lang, t.get(titleKey),
                "<h1>" + escape(t.get(titleKey)) + "</h1>\n" + Pages.message("notice", t.get(messageKey), true));
    }

    private static String link(String lang, String path, String text) {
        return "  <li><a href=\"/" + escape(lang) + "/" + path + "\">" + escape(text) + "</a></li>\n";
    }

    static String field(String id, String type, String label, String autocomplete, String value, String extra) {
        return "  <div class=\"field\">\n"
                + "    <label for=\"" + id + "\">" + escape(label) + "</label>\n"
                + "    <input id=\"" + id + "\" type=\"" + type + "\" name=\"" + id + "\" autocomplete=\"" + autocomplete
                + "\"" + (value == null ? "" : " value=\"" + escape(value) + "\"") + extra + " required>\n"
                + "  </div>\n";
    }
}
