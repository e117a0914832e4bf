package io.userservice.mail;

/**
 * What one mail says, filled in and ready to be laid out as plain text or HTML. Every field is
 * plain text; the HTML layout escapes it.
 */
record MailContent(String language, String subject, String greeting, String intro, String link, String button,
                   String codeHint, String code, String ignoreHint, String signature) {
}
