package io.userservice.core.port.in;

import io.userservice.core.domain.ClientAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The OpenID Connect authorization endpoint: judges an authorization request (authorization code
 * flow with PKCE S256) against the client registry and the browser's portal session, and says
 * what happens next.
 *
 * <p>An unknown client and a missing or unregistered redirect URI throw
 * {@link io.userservice.core.domain.AuthorizationRequestException}: the caller shows it, and
 * never redirects. Every other problem is a {@link Redirect} carrying {@code error},
 * {@code error_description}, {@code state} and {@code iss}.
 */
public interface AuthorizeUseCase {

    Outcome authorize(Command command);

    /**
     * @param parameters    the request's parameters, each with every value it was sent with
     * @param sessionSecret the browser's portal session cookie, or null
     * @param freshSignIn   whether the browser's session was started by a password entered for
     *                      this very request (it satisfies {@code prompt=login} and {@code max_age})
     * @param consent       the signed-in user's answer on the consent page: true when they just
     *                      agreed to give the client the requested scopes, false when they refused
     *                      (the client gets {@code access_denied}), null when not asked
     */
    record Command(Map<String, List<String>> parameters, String sessionSecret, boolean freshSignIn,
                   Boolean consent, ClientAddress clientAddress) {

        public Command {
            Objects.requireNonNull(clientAddress, "clientAddress");
            parameters = Map.copyOf(parameters);
        }

        @Override
        public String toString() {
            return "Authorize[" + parameters.keySet() + "]";
        }
    }

    sealed interface Outcome permits SignInRequired, ConsentRequired, Redirect {
    }

    /** The user must enter their password; {@code loginHint} prefills the email (may be null). */
    record SignInRequired(String clientName, String loginHint) implements Outcome {
    }

    /** The signed-in user must agree to give the client these scopes. */
    record ConsentRequired(String clientName, List<String> scopes) implements Outcome {
    }

    /** Send the browser here: the client's redirect URI with a code or an error. */
    record Redirect(URI location) implements Outcome {
    }
}
