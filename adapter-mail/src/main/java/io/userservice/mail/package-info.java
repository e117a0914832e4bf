/**
 * The mail adapter: sends the email confirmation and password reset mails of the core over SMTP,
 * or writes them to the log for local development.
 *
 * <p>{@link io.userservice.mail.MailNotifiers} is the entry point; it builds
 * {@link io.userservice.core.port.out.UserNotifier}s from {@link io.userservice.mail.MailSettings}.
 */
package io.userservice.mail;
