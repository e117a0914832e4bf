package io.userservice.mail;

import io.userservice.core.domain.MailKind;

/**
 * A composed mail, ready to be sent.
 *
 * @param kind      which mail this is
 * @param to        the canonical address of the recipient
 * @param messageId the value of the {@code Message-ID} header, angle brackets included
 */
record MailMessage(MailKind kind, String to, String subject, String text, String html, String messageId) {
}
