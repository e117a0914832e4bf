package io.userservice.rest;

import static io.userservice.rest.PortalPages.escape;

/** The HTML of the pages behind the mail links: plain forms, no scripts, everything inserted escaped. */
final class AccountPages {

    private AccountPages() {
    }

    static String confirmEmail(String lang, AccountPageTexts texts, String code) {
        return PortalPages.page(texts.language(), texts.confirmTitle(),
                "<h1>" + escape(texts.confirmTitle()) + "</h1>\n"
                        + "<p>" + escape(texts.confirmLead()) + "</p>\n"
                        + "<form method=\"post\" action=\"/" + escape(lang) + "/user/confirm\">\n"
                        + "  <input type=\"hidden\" name=\"code\" value=\"" + escape(code) + "\">\n"
                        + "  <button type=\"submit\">" + escape(texts.confirmButton()) + "</button>\n"
                        + "</form>");
    }

    static String newPasswordForm(String lang, AccountPageTexts texts, String code, int minLength, int maxLength,
                                  String message) {
        String notice = message == null ? "" : "<p role=\"alert\">" + escape(message) + "</p>\n";
        return PortalPages.page(texts.language(), texts.resetTitle(),
                "<h1>" + escape(texts.resetTitle()) + "</h1>\n" + notice
                        + "<p id=\"rules\">" + escape(AccountPageTexts.withLengths(texts.resetRules(), minLength,
                        maxLength)) + "</p>\n"
                        + "<form method=\"post\" action=\"/" + escape(lang) + "/user/resetPassword/complete\">\n"
                        + "  <input type=\"hidden\" name=\"code\" value=\"" + escape(code) + "\">\n"
                        + "  <label>" + escape(texts.passwordLabel()) + " <input type=\"password\" name=\"password\""
                        + " maxlength=\"" + maxLength + "\" autocomplete=\"new-password\" aria-describedby=\"rules\""
                        + " required></label>\n"
                        + "  <button type=\"submit\">" + escape(texts.resetButton()) + "</button>\n"
                        + "</form>");
    }

    static String result(String lang, AccountPageTexts texts, String title, String message, boolean signInLink) {
        String link = signInLink ? "<p><a href=\"/" + escape(lang) + "/\">" + escape(texts.signIn()) + "</a></p>\n"
                : "";
        return PortalPages.page(texts.language(), title,
                "<h1>" + escape(title) + "</h1>\n<p>" + escape(message) + "</p>\n" + link);
    }
}
