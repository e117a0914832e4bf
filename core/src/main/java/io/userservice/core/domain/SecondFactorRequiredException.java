package io.userservice.core.domain;

/**
 * A channel that takes a password only (HTTP Basic, the Nexudus token and validate routes) was
 * used for an account with two-factor authentication on. Reported only after the right password,
 * so it tells nothing to someone who does not have it.
 */
public class SecondFactorRequiredException extends AuthenticationException {

    private static final long serialVersionUID = 1L;

    public SecondFactorRequiredException() {
        super("mfa_required", "Two-factor authentication is on for this account: a password alone cannot sign in"
                + " here. Sign in on the sign-in page or with POST /auth/login.");
    }
}
