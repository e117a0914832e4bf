package io.userservice.core.service;

import io.userservice.core.domain.User;

/**
 * A failed notification does not undo the change it reports: the change is complete and the
 * user has a way to get a new code (a password reset also confirms the email).
 */
final class Notifications {

    private static final System.Logger LOG = System.getLogger(Notifications.class.getName());

    private Notifications() {
    }

    static void send(Runnable delivery, String what, User user) {
        try {
            delivery.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not send the " + what + " to user " + user.id()
                    + ": " + e.getClass().getSimpleName());
        }
    }
}
