package io.userservice.core.port.in;

/** Ends a portal session. */
public interface SignOutOfPortalUseCase {

    /** Unknown secrets are ignored. */
    void signOut(String sessionSecret);
}
