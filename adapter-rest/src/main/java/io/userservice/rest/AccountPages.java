package io.userservice.rest;

import static io.userservice.rest.Pages.escape;

import java.util.Map;

/** The pages the links in confirmation and reset mails open. */
final class AccountPages {

    private final Pages pages;

    AccountPages(Pages pages) {
        this.pages = pages;
    }

    String confirmEmail(String lang, String code) {
        PageTexts.Texts t = pages.texts(lang);
        return pages.page(t, lang, t.get("confirm.title"),
                "<h1>" + escape(t.get("confirm.title")) + "</h1>\n"
                        + "<p>" + escape(t.get("confirm.lead", Map.of("product", pages.productName()))) + "</p>\n"
                        + "<form method=\"post\" action=\"/" + escape(lang) + "/user/confirm\">\n"
                        + "  <input type=\"hidden\" name=\"code\" value=\"" + escape(code) + "\">\n"
                        + "  <button type=\"submit\">" + escape(t.get("confirm.button")) + "</button>\n"
                        + "</form>\n");
    }

    /** The page behind the link mailed to a new address: one button that makes it the account's. */
    String confirmEmailChange(String lang, String code) {
        PageTexts.Texts t = pages.texts(lang);
        return pages.page(t, lang, t.get("emailChange.title"),
                "<h1>" + escape(t.get("emailChange.title")) + "</h1>\n"
                        + "<p>" + escape(t.get("emailChange.lead", Map.of("product", pages.productName()))) + "</p>\n"
                        + "<form method=\"post\" action=\"/" + escape(lang) + "/user/email/confirm\">\n"
                        + "  <input type=\"hidden\" name=\"code\" value=\"" + escape(code) + "\">\n"
                        + "  <button type=\"submit\">" + escape(t.get("emailChange.button")) + "</button>\n"
                        + "</form>\n");
    }

    /**
     * The new-password form: the rules stand next to the field and describe it; a refused password
     * is announced, tied to the field, and the rest of the form (the code) stays as it was.
     */
    String newPasswordForm(String lang, String code, int minLength, int maxLength, String problem) {
        PageTexts.Texts t = pages.texts(lang);
        Map<String, String> lengths = Map.of("min", Integer.toString(minLength), "max", Integer.toString(maxLength));
        String notice = problem == null ? "" : Pages.message("password-error", problem, true);
        String described = problem == null ? " aria-describedby=\"rules\""
                : " aria-describedby=\"rules password-error\" aria-invalid=\"true\"";
        return pages.page(t, lang, t.get("reset.title"),
                "<h1>" + escape(t.get("reset.title")) + "</h1>\n" + notice
                        + "<form method=\"post\" action=\"/" + escape(lang) + "/user/resetPassword/complete\">\n"
                        + "  <input type=\"hidden\" name=\"code\" value=\"" + escape(code) + "\">\n"
                        + "  <div class=\"field\">\n"
                        + "    <label for=\"password\">" + escape(t.get("reset.password")) + "</label>\n"
                        + "    <input id=\"password\" type=\"password\" name=\"password\" maxlength=\"" + maxLength
                        + "\" autocomplete=\"new-password\"" + described + " required>\n"
                        + "    <p id=\"rules\" class=\"hint\">" + escape(t.get("reset.rules", lengths)) + "</p>\n"
                        + "  </div>\n"
                        + "  <button type=\"submit\">" + escape(t.get("reset.button")) + "</button>\n"
                        + "</form>\n");
    }

    /** The message for a password the policy refused, by the refusal's code. */
    String passwordProblem(String lang, String code, int minLength, int maxLength) {
        String key = switch (code) {
            case "password_too_short" -> "password.tooShort";
            case "password_too_long" -> "password.tooLong";
            case "password_required" -> "password.required";
            case "password_too_common" -> "password.tooCommon";
            default -> "password.invalid";
        };
        return pages.texts(lang).get(key, Map.of("min", Integer.toString(minLength), "max",
                Integer.toString(maxLength)));
    }

    /** The outcome of a button: a heading, one message, and a link to sign in when it went well. */
    String result(String lang, String titleKey, String messageKey, boolean succeeded) {
        PageTexts.Texts t = pages.texts(lang);
        String link = succeeded ? "<p><a href=\"/" + escape(lang) + "/\">" + escape(t.get("signin.link")) + "</a></p>\n"
                : "";
        return pages.page(t, lang, t.get(titleKey),
                "<h1>" + escape(t.get(titleKey)) + "</h1>\n"
                        + Pages.message("result", t.get(messageKey), !succeeded) + link);
    }
}
