package io.userservice.ldap;

import com.unboundid.util.ssl.JVMDefaultTrustManager;
import io.userservice.core.port.out.DirectoryFactory;
import io.userservice.core.port.out.UserDirectoryProvider;
import java.time.Clock;
import java.util.Map;
import javax.net.ssl.TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LDAP user directory, offered to the server under the name {@code ldap}
 * ({@code USERSVC_DIRECTORY=ldap}) and configured by the {@code USERSVC_LDAP_…} settings listed in
 * the README. The directory is read-only: users are found with a service account, each password
 * is checked by binding as its user, and the service's roles can be granted through groups.
 *
 * <p>Opening it checks the settings and then the server once (connection, TLS, the service
 * account's bind, the user base and the mapped groups), so that a wrong setting stops the start
 * with a message naming it. Once running, an unreachable server makes calls fail with
 * {@link io.userservice.core.port.StoreUnavailableException} until it is back.
 */
public final class LdapDirectoryProvider implements UserDirectoryProvider {

    private static final Logger LOG = LoggerFactory.getLogger(LdapDirectoryProvider.class);

    private final TrustManager trust;
    private final Clock clock;

    /** Trusts the certificates the JVM's default trust store trusts (see {@code javax.net.ssl.trustStore}). */
    public LdapDirectoryProvider() {
        this(JVMDefaultTrustManager.getInstance(), Clock.systemUTC());
    }

    LdapDirectoryProvider(TrustManager trust, Clock clock) {
        this.trust = trust;
        this.clock = clock;
    }

    @Override
    public String name() {
        return LdapUserDirectory.NAME;
    }

    @Override
    public DirectoryFactory open(Map<String, String> settings) {
        LdapSettings ldap = LdapSettings.from(settings);
        LdapConnections.check(ldap, trust);
        if (ldap.sendsPasswordsInClear()) {
            LOG.warn("{} is plain LDAP without StartTLS: users' passwords cross the network in clear text; use"
                    + " ldaps:// or USERSVC_LDAP_STARTTLS=true", ldap.url());
        }
        LOG.info("user directory: {}, filter {}, {} mapped group(s)", ldap, ldap.userFilter(),
                ldap.roleGroups().groups().size());
        return hasher -> new LdapUserDirectory(ldap, LdapConnections.open(ldap, trust), clock);
    }
}
