package io.userservice.mail;

/** Lays a mail out as a simple HTML page; every inserted text is escaped. */
final class HtmlLayout {

    private HtmlLayout() {
    }

    static String render(MailContent c) {
        return "<!DOCTYPE html>\n"
                + "<html lang=\"" + Html.escape(c.language()) + "\">\n"
                + "<head><meta charset=\"UTF-8\"><title>" + Html.escape(c.subject()) + "</title></head>\n"
                + "<body style=\"font-family: sans-serif; line-height: 1.5; color: #222;\">\n"
                + paragraph(c.greeting())
                + paragraph(c.intro())
                + "<p><a href=\"" + Html.escape(c.link()) + "\" style=\"display: inline-block; padding: 0.6em 1.2em;"
                + " background: #1a56db; color: #fff; text-decoration: none; border-radius: 4px;\">"
                + Html.escape(c.button()) + "</a></p>\n"
                + paragraph(c.codeHint())
                + "<p><code style=\"font-size: 1.1em;\">" + Html.escape(c.code()) + "</code></p>\n"
                + paragraph(c.ignoreHint())
                + paragraph(c.signature())
                + "</body>\n"
                + "</html>\n";
    }

    private static String paragraph(String text) {
        return "<p>" + Html.escape(text) + "</p>\n";
    }
}
