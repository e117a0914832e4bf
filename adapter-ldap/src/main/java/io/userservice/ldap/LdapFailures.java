package io.userservice.ldap;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import io.userservice.core.port.StoreUnavailableException;
import java.util.Set;

/**
 * Turns the directory's failures into the core's {@link StoreUnavailableException} at the
 * boundary (as {@code ConnectionFailures} does for the database), so the API answers
 * {@code 503 store_unavailable} with {@code Retry-After} instead of an internal error. The pools
 * replace broken connections by themselves, so the same call succeeds once the server is back.
 */
final class LdapFailures {

    /** The server is there but cannot serve now, or did not answer in time. */
    private static final Set<ResultCode> SERVER_CANNOT_SERVE = Set.of(ResultCode.BUSY, ResultCode.UNAVAILABLE,
            ResultCode.TIMEOUT, ResultCode.CONNECT_ERROR, ResultCode.SERVER_DOWN);

    private LdapFailures() {
    }

    /**
     * Whether a bind failed for a reason that says nothing about the user and everything about the
     * connection or the server: it broke, timed out, is busy, or could not be made. Any other
     * refusal (wrong password, no such entry, account locked or disabled) is the user's.
     */
    static boolean isOutage(LDAPException e) {
        ResultCode code = e.getResultCode();
        return !ResultCode.isConnectionUsable(code) || SERVER_CANNOT_SERVE.contains(code);
    }

    /**
     * A failure of a lookup made with the service account. Whatever the reason (the server is down,
     * refuses the service account, or denies the search), the directory cannot be used right now.
     */
    static StoreUnavailableException unavailable(String what, LDAPException e) {
        return new StoreUnavailableException("LDAP directory unavailable (" + what + "): " + describe(e), e);
    }

    /**
     * The result code and the server's message, or else the innermost message of the cause (the
     * TLS or socket error, rather than the SDK's wrappers around it), on one line.
     */
    static String describe(LDAPException e) {
        String message = e.getDiagnosticMessage();
        if (message == null || message.isBlank()) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                String own = t instanceof LDAPException ldap ? ldap.getMessage() : t.getMessage();
                if (own != null && !own.isBlank()) {
                    message = own;
                }
            }
        }
        String code = e.getResultCode().getName();
        if (message == null || message.strip().equalsIgnoreCase(code)) {
            return code;
        }
        return code + ": " + message.replaceAll("\\s+", " ").strip();
    }
}
