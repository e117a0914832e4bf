package io.userservice.core.port.out;

import io.userservice.core.domain.User;

/** Tells users about things that need their action, by email or another channel. */
public interface UserNotifier {

    /** Sends the code that confirms the user's email. */
    void sendEmailConfirmation(User user, String code);

    /** Sends the code that lets the user choose a new password. */
    void sendPasswordReset(User user, String code);
}
