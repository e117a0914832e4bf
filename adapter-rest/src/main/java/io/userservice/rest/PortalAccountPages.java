package io.userservice.rest;

import static io.userservice.rest.Pages.escape;

import io.userservice.core.domain.Session;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The portal's account pages: change the password, the sessions, delete the account. */
final class PortalAccountPages {

    private final Pages pages;

    PortalAccountPages(Pages pages) {
        this.pages = pages;
    }

    /** The change-password form; {@code problem} is a message about the last attempt. */
    String passwordForm(String lang, int minLength, int maxLength, String problem) {
        PageTexts.Texts t = pages.texts(lang);
        String notice = problem == null ? "" : Pages.message("form-message", problem, true);
        String described = problem == null ? "" : " aria-describedby=\"form-message\" aria-invalid=\"true\"";
        Map<String, String> lengths = Map.of("min", Integer.toString(minLength), "max", Integer.toString(maxLength));
        return pages.page(t, lang, t.get("portal.password.title"),
                "<h1>" + escape(t.get("portal.password.title")) + "</h1>\n" + notice
                        + "<form method=\"post\" action=\"/" + escape(lang) + "/user/password\">\n"
                        + PortalPages.field("currentPassword", "password", t.get("portal.password.current"),
                        "current-password", null, described)
                        + "  <div class=\"field\">\n"
                        + "    <label for=\"newPassword\">" + escape(t.get("reset.password")) + "</label>\n"
                        + "    <input id=\"newPassword\" type=\"password\" name=\"newPassword\" maxlength=\"" + maxLength
                        + "\" autocomplete=\"new-password\" aria-describedby=\"rules\" required>\n"
                        + "    <p id=\"rules\" class=\"hint\">" + escape(t.get("reset.rules", lengths)) + "</p>\n"
                        + "  </div>\n"
                        + "  <button type=\"submit\">" + escape(t.get("portal.password.button")) + "</button>\n"
                        + "</form>\n");
    }

    /** The user's sessions, each with its own sign-out button, and one to sign out everywhere. */
    String sessions(String lang, List<Session> sessions, String messageKey) {
        PageTexts.Texts t = pages.texts(lang);
        DateTimeFormatter when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                .withLocale(Locale.forLanguageTag(lang)).withZone(ZoneOffset.UTC);
        StringBuilder body = new StringBuilder("<h1>").append(escape(t.get("portal.sessions.title"))).append("</h1>\n");
        if (messageKey != null) {
            body.append(Pages.message("form-message", t.get(messageKey), false));
        }
        if (sessions.isEmpty()) {
            body.append("<p>").append(escape(t.get("portal.sessions.none"))).append("</p>\n");
        } else {
            body.append("<ul class=\"sessions\">\n");
            for (Session s : sessions) {
                body.append("<li>\n<dl>\n")
                        .append(item(t.get("portal.sessions.created"), time(when, s.createdAt())))
                        .append(item(t.get("portal.sessions.lastUsed"), time(when, s.lastUsedAt())))
                        .append(item(t.get("portal.sessions.address"),
                                escape(orUnknown(t, s.lastClient().address()))))
                        .append(item(t.get("portal.sessions.userAgent"),
                                escape(orUnknown(t, s.lastClient().userAgent()))))
                        .append("</dl>\n<form method=\"post\" action=\"/").append(escape(lang))
                        .append("/user/sessions/signout\">\n  <input type=\"hidden\" name=\"id\" value=\"")
                        .append(escape(s.id().toString())).append("\">\n  <button type=\"submit\" class=\"secondary\">")
                        .append(escape(t.get("portal.signout"))).append("</button>\n</form>\n</li>\n");
            }
            body.append("</ul>\n");
        }
        body.append("<form method=\"post\" action=\"/").append(escape(lang)).append("/user/sessions/signout-all\">\n")
                .append("  <button type=\"submit\">").append(escape(t.get("portal.sessions.everywhere")))
                .append("</button>\n</form>\n");
        return pages.page(t, lang, t.get("portal.sessions.title"), body.toString());
    }

    /** The delete-account form; {@code problemKey} names a problem with the last attempt. */
    String deleteForm(String lang, String problemKey) {
        PageTexts.Texts t = pages.texts(lang);
        String notice = problemKey == null ? "" : Pages.message("form-message", t.get(problemKey), true);
        String described = problemKey == null ? " aria-describedby=\"delete-lead\""
                : " aria-describedby=\"delete-lead form-message\" aria-invalid=\"true\"";
        return pages.page(t, lang, t.get("portal.delete.title"),
                "<h1>" + escape(t.get("portal.delete.title")) + "</h1>\n"
                        + "<p id=\"delete-lead\">" + escape(t.get("portal.delete.lead")) + "</p>\n" + notice
                        + "<form method=\"post\" action=\"/" + escape(lang) + "/user/delete\">\n"
                        + PortalPages.field("password", "password", t.get("portal.password"), "current-password",
                        null, described)
                        + "  <div class=\"field check\">\n"
                        + "    <input id=\"confirm\" type=\"checkbox\" name=\"confirm\" value=\"yes\" required>\n"
                        + "    <label for=\"confirm\">" + escape(t.get("portal.delete.confirm")) + "</label>\n"
                        + "  </div>\n"
                        + "  <button type=\"submit\">" + escape(t.get("portal.delete.button")) + "</button>\n"
                        + "</form>\n");
    }

    /** A page with a heading and one message. */
    String notice(String lang, String titleKey, String messageKey, boolean error) {
        PageTexts.Texts t = pages.texts(lang);
        return pages.page(t, lang, t.get(titleKey),
                "<h1>" + escape(t.get(titleKey)) + "</h1>\n" + Pages.message("notice", t.get(messageKey), error));
    }

    private static String item(String term, String html) {
        return "  <dt>" + escape(term) + "</dt><dd>" + html + "</dd>\n";
    }

    private static String time(DateTimeFormatter when, Instant instant) {
        return "<time datetime=\"" + escape(instant.toString()) + "\">" + escape(when.format(instant)) + " UTC</time>";
    }

    private static String orUnknown(PageTexts.Texts t, String value) {
        return value == null ? t.get("portal.sessions.unknown") : value;
    }
}
