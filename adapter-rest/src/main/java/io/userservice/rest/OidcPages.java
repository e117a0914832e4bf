package io.userservice.rest;

import static io.userservice.rest.Pages.escape;

import java.util.List;
import java.util.Map;

/**
 * The OpenID Connect provider's pages: sign-in, consent, errors and sign-out. Each form carries
 * the authorization request's own parameters (hidden), so the request is judged afresh on every
 * step; the only thing kept between steps is a passkey challenge, bound to those very parameters.
 */
final class OidcPages {

    private final Pages pages;

    OidcPages(Pages pages) {
        this.pages = pages;
    }

    String signIn(String lang, Map<String, String> request, String clientName, String email, String messageKey) {
        PageTexts.Texts t = pages.texts(lang);
        boolean error = messageKey != null;
        String notice = error ? Pages.message("form-message", t.get(messageKey), true) : "";
        String described = error ? " aria-describedby=\"form-message\" aria-invalid=\"true\"" : "";
        return pages.page(t, lang, t.get("portal.signin.title"),
                "<h1>" + escape(t.get("portal.signin.heading", Map.of("product", pages.productName()))) + "</h1>\n"
                        + "<p>" + escape(t.get("oidc.signin.lead", Map.of("client", clientName))) + "</p>\n"
                        + notice
                        + "<form method=\"post\" action=\"" + OidcResource.SIGN_IN + "\">\n"
                        + PortalPages.field("email", "email", t.get("portal.email"), "username", email, described)
                        + PortalPages.field("password", "password", t.get("portal.password"), "current-password",
                        null, described)
                        + hidden(request)
                        + "  <button type=\"submit\">" + escape(t.get("portal.signin.button")) + "</button>\n"
                        + "</form>\n"
                        + "<p><a href=\"/" + escape(t.language()) + "/user/forgot\">" + escape(t.get("portal.forgot"))
                        + "</a></p>\n"
                        + "<form id=\"passkey-form\" method=\"post\" action=\"" + OidcResource.SIGN_IN_PASSKEY
                        + "\" hidden>\n"
                        + hidden(request)
                        + "  <input type=\"hidden\" name=\"" + OidcResource.CREDENTIAL_FIELD + "\" value=\"\">\n"
                        + "</form>\n"
                        + new PasskeyPages(pages).formButton(lang, "passkey.signin.button", "passkey.signin.failed",
                        OidcResource.PASSKEY_OPTIONS, "passkey-form", OidcResource.CREDENTIAL_FIELD));
    }

    String consent(String lang, Map<String, String> request, String clientName, List<String> scopes) {
        PageTexts.Texts t = pages.texts(lang);
        StringBuilder items = new StringBuilder("<ul class=\"scopes\">\n");
        for (String scope : scopes) {
            items.append("  <li>").append(escape(t.get("oidc.scope." + scope))).append("</li>\n");
        }
        items.append("</ul>\n");
        return pages.page(t, lang, t.get("oidc.consent.title"),
                "<h1>" + escape(t.get("oidc.consent.title")) + "</h1>\n"
                        + "<p>" + escape(t.get("oidc.consent.lead", Map.of("client", clientName))) + "</p>\n"
                        + items
                        + "<form method=\"post\" action=\"" + OidcResource.CONSENT + "\">\n"
                        + hidden(request)
                        + "  <button type=\"submit\" name=\"decision\" value=\"allow\">"
                        + escape(t.get("oidc.consent.allow")) + "</button>\n"
                        + "  <button type=\"submit\" name=\"decision\" value=\"deny\" class=\"secondary\">"
                        + escape(t.get("oidc.consent.deny")) + "</button>\n"
                        + "</form>\n");
    }

    String error(String lang, String messageKey) {
        PageTexts.Texts t = pages.texts(lang);
        return pages.page(t, lang, t.get("oidc.error.title"),
                "<h1>" + escape(t.get("oidc.error.title")) + "</h1>\n" + Pages.message("notice", t.get(messageKey), true));
    }

    String confirmLogout(String lang, Map<String, String> request) {
        PageTexts.Texts t = pages.texts(lang);
        return pages.page(t, lang, t.get("portal.signout"),
                "<h1>" + escape(t.get("portal.signout")) + "</h1>\n"
                        + "<p>" + escape(t.get("oidc.logout.lead", Map.of("product", pages.productName()))) + "</p>\n"
                        + "<form method=\"post\" action=\"" + OidcResource.LOGOUT + "\">\n"
                        + hidden(request)
                        + "  <button type=\"submit\">" + escape(t.get("portal.signout")) + "</button>\n"
                        + "</form>\n");
    }

    String signedOut(String lang) {
        PageTexts.Texts t = pages.texts(lang);
        return pages.page(t, lang, t.get("portal.signout"),
                "<h1>" + escape(t.get("portal.signout")) + "</h1>\n"
                        + Pages.message("notice", t.get("portal.info.signedout"), false));
    }

    private static String hidden(Map<String, String> request) {
        StringBuilder fields = new StringBuilder();
        request.forEach((name, value) -> fields.append("  <input type=\"hidden\" name=\"").append(escape(name))
                .append("\" value=\"").append(escape(value)).append("\">\n"));
        return fields.toString();
    }
}
