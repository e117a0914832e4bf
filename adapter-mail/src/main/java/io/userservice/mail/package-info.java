/**
 * The mail adapter: delivers the email confirmation and password reset mails of the core's outbox
 * over SMTP, or writes them to the log for local development, in the reader's language from
 * {@link io.userservice.mail.MailTemplates}.
 *
 * <p>{@link io.userservice.mail.MailNotifiers} is the entry point; it builds
 * {@link io.userservice.core.port.out.UserNotifier}s from {@link io.userservice.mail.MailSettings}.
 */
package io.userservice.mail;
