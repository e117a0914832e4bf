package io.userservice.app;

import io.userservice.rest.RequestIds;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answer to requests Jetty refuses before they reach the application (an ambiguous or
 * malformed URI, a header too large): the API's JSON error shape instead of Jetty's HTML page,
 * with the same security headers as every other answer and no server details.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ERROR_STATUS) instanceof Integer code ? code : response.getStatus();
        if (status < 400 || status > 599) {
            status = HttpStatus.BAD_REQUEST_400;
        }
        String reason = HttpStatus.getMessage(status);
        String code = reason.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
        String requestId = RequestIdHandler.of(request); // safe characters only: nothing to escape
        String body = "{\"status\":\"error\",\"error\":{\"code\":\"" + code + "\",\"message\":\"The request was refused: "
                + reason + ".\"},\"requestId\":\"" + requestId + "\"}";
        response.getHeaders().put(RequestIds.HEADER, requestId);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
