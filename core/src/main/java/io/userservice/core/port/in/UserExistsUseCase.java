package io.userservice.core.port.in;

/** Whether an email belongs to a user, compared in canonical form. */
public interface UserExistsUseCase {

    /** False also for text that is not an email address. */
    boolean exists(String email);
}
