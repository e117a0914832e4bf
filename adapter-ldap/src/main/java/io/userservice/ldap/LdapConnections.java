package io.userservice.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.SSLUtil;
import java.security.GeneralSecurityException;
import javax.net.SocketFactory;
import javax.net.ssl.TrustManager;

/**
 * How the directory is reached: one server, over plain LDAP, LDAPS ({@code ldaps://}) or
 * StartTLS, with the server's certificate checked against the given trust manager (the JVM's
 * default trust store in the server) and its host name against the URL's, after StartTLS as on
 * an {@code ldaps://} connection (the SDK applies the connection options' verifier to both;
 * loopback addresses are exempt, as the SDK considers them trustworthy).
 *
 * <p>Two pools: one of connections bound as the service account, for every lookup; one of
 * connections used only to bind as users when their passwords are checked, so that a user's
 * bind never changes who the lookups run as.
 */
final class LdapConnections implements AutoCloseable {

    private final LDAPConnectionPool lookups;
    private final LDAPConnectionPool binds;

    private LdapConnections(LDAPConnectionPool lookups, LDAPConnectionPool binds) {
        this.lookups = lookups;
        this.binds = binds;
    }

    /**
     * Pools to the server of {@code settings}. They connect as they are used: an outage now or
     * later fails the calls made during it, and the pools replace broken connections afterwards.
     */
    static LdapConnections open(LdapSettings settings, TrustManager trust) {
        Server server = new Server(settings, trust);
        try {
            LDAPConnectionPool lookups = server.pool("usersvc-ldap-lookups",
                    new SimpleBindRequest(settings.bindDn(), settings.bindPassword()), settings.poolSize());
            LDAPConnectionPool binds = server.pool("usersvc-ldap-binds", null, settings.poolSize());
            return new LdapConnections(lookups, binds);
        } catch (LDAPException e) {
            // only thrown for arguments the SDK rejects, since failing to connect does not throw here
            throw new IllegalStateException("cannot create the LDAP connection pools: " + LdapFailures.describe(e), e);
        }
    }

    /**
     * Connects once and checks what a bad setting would break: the connection (and StartTLS), the
     * service account's bind, and that the user base and every mapped group can be read.
     *
     * @throws IllegalArgumentException naming the setting that is most likely wrong
     */
    static void check(LdapSettings settings, TrustManager trust) {
        Server server = new Server(settings, trust);
        LDAPConnection connection;
        try {
            connection = server.connect();
        } catch (LDAPException e) {
            throw new IllegalArgumentException(LdapSettings.URL + ": cannot connect to " + settings.url() + ": "
                    + LdapFailures.describe(e));
        }
        try (connection) {
            if (server.startTls != null) {
                try {
                    server.startTls.processPreAuthenticatedConnection(connection);
                } catch (LDAPException e) {
                    throw new IllegalArgumentException(LdapSettings.STARTTLS + ": StartTLS with " + settings.url()
                            + " failed: " + LdapFailures.describe(e));
                }
            }
            try {
                connection.bind(new SimpleBindRequest(settings.bindDn(), settings.bindPassword()));
            } catch (LDAPException e) {
                if (LdapFailures.isOutage(e)) {
                    throw new IllegalArgumentException(LdapSettings.URL + ": " + settings.url()
                            + " did not answer the bind: " + LdapFailures.describe(e));
                }
                throw new IllegalArgumentException(LdapSettings.BIND_DN + " / " + LdapSettings.BIND_PASSWORD + ": "
                        + settings.url() + " refused the bind as " + settings.bindDn() + ": "
                        + LdapFailures.describe(e));
            }
            requireEntry(connection, settings.userBase(), LdapSettings.USER_BASE);
            for (DN group : settings.roleGroups().groups()) {
                requireEntry(connection, group, LdapSettings.ROLE_GROUPS);
            }
        }
    }

    private static void requireEntry(LDAPConnection connection, DN dn, String setting) {
        try {
            if (connection.getEntry(dn.toString(), "1.1") == null) {
                throw new IllegalArgumentException(setting + ": there is no entry " + dn
                        + " (or the service account may not read it)");
            }
        } catch (LDAPException e) {
            throw new IllegalArgumentException(setting + ": cannot read " + dn + ": " + LdapFailures.describe(e));
        }
    }

    /** The pool bound as the service account. */
    LDAPConnectionPool lookups() {
        return lookups;
    }

    /** The pool that only ever binds as users. */
    LDAPConnectionPool binds() {
        return binds;
    }

    @Override
    public void close() {
        lookups.close();
        binds.close();
    }

    /** The one server, with the sockets, timeouts and TLS the settings ask for. */
    private static final class Server {
        final SingleServerSet serverSet;
        final PostConnectProcessor startTls;

        Server(LdapSettings settings, TrustManager trust) {
            LDAPConnectionOptions options = new LDAPConnectionOptions();
            options.setConnectTimeoutMillis(Math.toIntExact(settings.connectTimeout().toMillis()));
            options.setResponseTimeoutMillis(settings.responseTimeout().toMillis());
            options.setAbandonOnTimeout(true);
            options.setUseKeepAlive(true);
            options.setFollowReferrals(false);
            options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
            SSLUtil ssl = new SSLUtil(trust);
            try {
                SocketFactory sockets = settings.ldaps() ? ssl.createSSLSocketFactory() : SocketFactory.getDefault();
                serverSet = new SingleServerSet(settings.host(), settings.port(), sockets, options);
                startTls = settings.startTls() ? new StartTLSPostConnectProcessor(ssl.createSSLContext()) : null;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("this JVM offers no TLS: " + e.getMessage(), e);
            }
        }

        LDAPConnection connect() throws LDAPException {
            return serverSet.getConnection();
        }

        LDAPConnectionPool pool(String name, SimpleBindRequest bind, int size) throws LDAPException {
            LDAPConnectionPool pool = new LDAPConnectionPool(serverSet, bind, 0, size, startTls, false);
            pool.setConnectionPoolName(name);
            // a connection broken by a restart of the server is replaced and the operation tried
            // once more on the new one, so the first call after an outage does not fail
            pool.setRetryFailedOperationsDueToInvalidConnections(true);
            pool.setCreateIfNecessary(false);
            pool.setMaxWaitTimeMillis(serverSet.getConnectionOptions().getResponseTimeoutMillis());
            return pool;
        }
    }
}
