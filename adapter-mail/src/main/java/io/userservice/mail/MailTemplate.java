package io.userservice.mail;

/**
 * The words of one kind of mail. Braces mark placeholders, filled in by {@link Placeholders}.
 *
 * @param subject    the subject line
 * @param intro      what happened and what to do, leading to the link
 * @param button     the label of the link in the HTML part
 * @param ignoreHint what to do when the reader did not ask for the mail
 */
record MailTemplate(String subject, String intro, String button, String ignoreHint) {
}
