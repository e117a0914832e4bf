package io.userservice.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The response envelope of the Nexudus-compatible API, with its PascalCase keys. */
@JsonPropertyOrder({"Status", "Message", "Value", "OpenInDialog", "OpenInWindow", "RedirectURL", "JavaScript",
        "UpdatedOn", "UpdatedBy", "Errors", "WasSuccessful"})
record Envelope(@JsonProperty("Status") int status,
                @JsonProperty("Message") String message,
                @JsonProperty("Value") Object value,
                @JsonProperty("OpenInDialog") boolean openInDialog,
                @JsonProperty("OpenInWindow") boolean openInWindow,
                @JsonProperty("RedirectURL") String redirectUrl,
                @JsonProperty("JavaScript") String javaScript,
                @JsonProperty("UpdatedOn") String updatedOn,
                @JsonProperty("UpdatedBy") String updatedBy,
                @JsonProperty("Errors") List<String> errors,
                @JsonProperty("WasSuccessful") boolean wasSuccessful) {

    /** The Nexudus API's message for a failed sign-in. */
    static final String INVALID_CREDENTIALS = "The email address or password you entered is not valid.";

    static Envelope ok(Object value) {
        return ok("OK", value);
    }

    static Envelope ok(String message, Object value) {
        return new Envelope(200, message, value, false, false, null, null, null, null, null, true);
    }

    /** A failure as the Nexudus documents show it: the failure's status inside the envelope. */
    static Envelope failure(int status, String message) {
        return new Envelope(status, message, null, false, false, null, null, null, null, null, false);
    }

    /** A failure answered with the same HTTP status as the one inside the envelope. */
    static Response response(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(failure(status, message)).build();
    }
}
