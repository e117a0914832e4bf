/**
 * The background workers of the two outboxes: {@link io.userservice.core.outbox.MailDispatcher}
 * delivers the mails the use cases queue, {@link io.userservice.core.outbox.WebhookDispatcher}
 * the webhook events; both claim work so that any number of instances share it. They are built
 * by {@link io.userservice.core.service.UserServiceCore} and started by the application.
 */
package io.userservice.core.outbox;
