package io.userservice.core.domain;

/** The act needs the password again, or a sign-in made only minutes ago. */
public class ReauthenticationRequiredException extends AuthenticationException {

    private static final long serialVersionUID = 1L;

    public ReauthenticationRequiredException() {
        super("reauthentication_required", "Enter your password again, or sign in again, to do this.");
    }
}
