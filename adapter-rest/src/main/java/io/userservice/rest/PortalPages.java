package io.userservice.rest;

import io.userservice.core.domain.User;
import jakarta.ws.rs.core.Response;

/** The portal's server-rendered pages: plain HTML, no scripts, everything inserted escaped. */
final class PortalPages {

    private PortalPages() {
    }

    static String signedIn(String lang, User user) {
        String name = user.firstname() == null || user.firstname().isBlank() ? user.email().value() : user.firstname();
        return page("Your account",
                "<h1>Hello, " + escape(name) + "</h1>\n"
                        + "<p>You are signed in as <strong>" + escape(user.email().value()) + "</strong>.</p>\n"
                        + "<form method=\"post\" action=\"/" + escape(lang) + "/user/signout\">\n"
                        + "  <button type=\"submit\">Sign out</button>\n"
                        + "</form>");
    }

    static String signInForm(String lang, String message, String redirectUrl) {
        String notice = message == null ? "" : "<p role=\"alert\">" + escape(message) + "</p>\n";
        String redirect = redirectUrl == null ? ""
                : "  <input type=\"hidden\" name=\"redirectUrl\" value=\"" + escape(redirectUrl) + "\">\n";
        return page("Sign in",
                "<h1>Sign in</h1>\n" + notice
                        + "<form method=\"post\" action=\"/" + escape(lang) + "/user/signin\">\n"
                        + "  <label>Email <input type=\"email\" name=\"email\" autocomplete=\"username\" required></label>\n"
                        + "  <label>Password <input type=\"password\" name=\"password\" "
                        + "autocomplete=\"current-password\" required></label>\n"
                        + redirect
                        + "  <button type=\"submit\">Sign in</button>\n"
                        + "</form>");
    }

    static String confirmEmail(String lang, String code) {
        return page("Confirm your email",
                "<h1>Confirm your email</h1>\n"
                        + "<p>Press the button to confirm the email address of your account.</p>\n"
                        + "<form method=\"post\" action=\"/" + escape(lang) + "/user/confirm\">\n"
                        + "  <input type=\"hidden\" name=\"code\" value=\"" + escape(code) + "\">\n"
                        + "  <button type=\"submit\">Confirm my email</button>\n"
                        + "</form>");
    }

    static String newPasswordForm(String lang, String code, int minLength, int maxLength, String message) {
        String notice = message == null ? "" : "<p role=\"alert\">" + escape(message) + "</p>\n";
        return page("Choose a new password",
                "<h1>Choose a new password</h1>\n" + notice
                        + "<p>Use at least " + minLength + " and at most " + maxLength + " characters. Any characters"
                        + " are allowed, except the most commonly used passwords; a long passphrase is easiest to"
                        + " remember.</p>\n"
                        + "<form method=\"post\" action=\"/" + escape(lang) + "/user/resetPassword/complete\">\n"
                        + "  <input type=\"hidden\" name=\"code\" value=\"" + escape(code) + "\">\n"
                        + "  <label>New password <input type=\"password\" name=\"password\" minlength=\"" + minLength
                        + "\" maxlength=\"" + maxLength + "\" autocomplete=\"new-password\" required></label>\n"
                        + "  <button type=\"submit\">Set the new password</button>\n"
                        + "</form>");
    }

    static String result(String lang, String title, String message, boolean signInLink) {
        String link = signInLink ? "<p><a href=\"/" + escape(lang) + "/\">Sign in</a></p>\n" : "";
        return page(title, "<h1>" + escape(title) + "</h1>\n<p>" + escape(message) + "</p>\n" + link);
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + "</title>\n</head>\n<body>\n<main>\n" + body + "\n</main>\n</body>\n</html>\n";
    }

    /** What every page sends: no referrer (links carry codes), no scripts, no framing. */
    static Response.ResponseBuilder withPageHeaders(Response.ResponseBuilder response) {
        return response.header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy",
                        "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
                .header("X-Frame-Options", "DENY");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
