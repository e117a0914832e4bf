package io.userservice.mail;

/** The mails this module sends, each with the page of the web front end its link opens. */
enum MailKind {
    EMAIL_CONFIRMATION("email confirmation", "user/confirm"),
    PASSWORD_RESET("password reset", "user/resetPassword/complete");

    private final String description;
    private final String page;

    MailKind(String description, String page) {
        this.description = description;
        this.page = page;
    }

    /** Names the mail in log lines and error messages. */
    String description() {
        return description;
    }

    /** The path of the page below the public URL and the language. */
    String page() {
        return page;
    }
}
