package io.userservice.app;

import java.net.URI;
import java.net.URISyntaxException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses, with a 400, a request whose URI is not a valid URI (e.g. a malformed percent-escape
 * such as {@code ?email=%ZZ}) before it reaches Jersey, whose Jetty container would otherwise fail
 * on it with a 500. The answer is written by {@link JsonErrorHandler}.
 */
final class MalformedUriGuard extends Handler.Wrapper {

    MalformedUriGuard(Handler application) {
        super(application);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        try {
            new URI(request.getHttpURI().asString());
        } catch (URISyntaxException e) {
            Response.writeError(request, response, callback, 400, "malformed request URI");
            return true;
        }
        return super.handle(request, response, callback);
    }
}
