/**
 * What the core is configured with, as typed records that own their defaults and bounds: the
 * core's own settings, throttling, the mail outbox and the webhooks. Each is parsed once by the
 * application that embeds the core and handed to {@link io.userservice.core.service.UserServiceCore}'s
 * builder.
 */
package io.userservice.core.settings;
