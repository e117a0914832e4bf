package io.userservice.mail;

/** Lays a mail out as plain text. */
final class TextLayout {

    private TextLayout() {
    }

    static String render(MailContent c) {
        return c.greeting() + "\n\n"
                + c.intro() + "\n\n"
                + c.link() + "\n\n"
                + c.codeHint() + "\n\n"
                + "    " + c.code() + "\n\n"
                + c.ignoreHint() + "\n\n"
                + "-- \n"
                + c.signature() + "\n";
    }
}
