package io.userservice.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.Role;
import io.userservice.core.port.out.DirectoryCapability;
import io.userservice.core.port.out.UserDirectory;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A company directory on an LDAP server, read-only: users are found with the service account,
 * passwords are checked by binding as the user, roles come from group membership. It declares no
 * capability, so registration, password changes and resets, and name changes are refused by the
 * core; ids are assigned by the service, keyed by the entry's {@code entryUUID}.
 */
final class LdapUserDirectory implements UserDirectory, AutoCloseable {

    static final String NAME = "ldap";
    private static final Logger LOG = LoggerFactory.getLogger(LdapUserDirectory.class);
    /** Asks for no attributes: only whether an entry matches. */
    private static final String NO_ATTRIBUTES = "1.1";

    private final LdapSettings settings;
    private final LdapConnections connections;
    private final EntryUsers entries;
    private final LookupCache cache;
    /** A DN under the user base that no entry has, bound to when the email belongs to nobody. */
    private final DN nobody;

    LdapUserDirectory(LdapSettings settings, LdapConnections connections, Clock clock) {
        this.settings = settings;
        this.connections = connections;
        this.entries = new EntryUsers(settings.attributes());
        this.cache = new LookupCache(clock, settings.cacheTtl(), settings.cacheSize());
        this.nobody = new DN(new RDN("cn", "usersvc-nobody-" + UUID.randomUUID()), settings.userBase());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<DirectoryCapability> capabilities() {
        return EnumSet.noneOf(DirectoryCapability.class);
    }

    @Override
    public boolean assignsIds() {
        return false;
    }

    /**
     * From the cache when the user was read within {@code USERSVC_LDAP_CACHE_TTL}. An entry that
     * matches the disabled marker is not found, so the tokens and sessions of a user disabled in
     * the directory stop working once the cache has forgotten them.
     */
    @Override
    public Optional<DirectoryUser> findByKey(String key) {
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        Optional<DirectoryUser> cached = cache.get(key);
        if (cached.isPresent()) {
            return cached;
        }
        Optional<DirectoryUser> found = entryByKey(key, settings.attributes().requested())
                .filter(entry -> !isDisabled(dnOf(entry)))
                .flatMap(entry -> entries.userOf(entry, rolesOf(entry.getDN())))
                .filter(user -> user.key().equals(key));
        found.ifPresent(cache::put);
        return found;
    }

    /** Always asks the server; exactly one entry must match, several are as good as none. */
    @Override
    public Optional<DirectoryUser> findByEmail(Email email) {
        Optional<DirectoryUser> found = single(settings.userFilter().byEmail(email), settings.attributes().requested())
                .flatMap(entry -> entries.userOf(entry, rolesOf(entry.getDN())));
        found.ifPresent(cache::put);
        return found;
    }

    /**
     * Binds as the user's entry, found afresh by key, on a connection used only for such binds;
     * then, whatever the bind answered, asks whether the entry matches the disabled marker. An
     * unknown key, a wrong password, a bind the server refuses (locked, expired, disabled) and a
     * marked entry all answer false after the same three requests.
     */
    @Override
    public boolean checkPassword(DirectoryUser user, String password) {
        if (password == null || password.isEmpty()) {
            // an empty password makes an unauthenticated bind, which servers accept as anonymous
            return false;
        }
        DN dn = entryByKey(user.key(), NO_ATTRIBUTES).map(this::dnOf).orElse(nobody);
        boolean bound = bind(dn, password);
        boolean disabled = isDisabled(dn);
        return bound && !disabled && !dn.equals(nobody);
    }

    /** The same requests as a {@link #checkPassword} and a found user's role lookups, for nobody. */
    @Override
    public void checkNoOnesPassword(String password) {
        entryByKey(UUID.randomUUID().toString(), NO_ATTRIBUTES);
        rolesOf(nobody.toString());
        if (password != null && !password.isEmpty()) {
            bind(nobody, password);
        }
        isDisabled(nobody);
    }

    @Override
    public void close() {
        connections.close();
    }

    private Optional<SearchResultEntry> entryByKey(String key, String... attributes) {
        Optional<DN> dn = EntryUsers.asDn(key).filter(this::isUnderUserBase);
        if (dn.isPresent()) {
            Optional<SearchResultEntry> entry = read(dn.get(), settings.userFilter().anyEmail(), attributes);
            if (entry.isPresent()) {
                return entry;
            }
        }
        return single(settings.userFilter().byKey(settings.attributes().key(), key), attributes);
    }

    private boolean isUnderUserBase(DN dn) {
        try {
            return dn.isDescendantOf(settings.userBase(), false);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The one entry under the user base that matches, or empty for none or several. */
    private Optional<SearchResultEntry> single(Filter filter, String... attributes) {
        SearchRequest request = new SearchRequest(settings.userBase().toString(), SearchScope.SUB, filter,
                attributes);
        request.setSizeLimit(2);
        List<SearchResultEntry> found;
        try {
            found = search(request).getSearchEntries();
        } catch (LDAPSearchException e) {
            if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
                found = e.getSearchEntries();
            } else if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return Optional.empty();
            } else {
                throw LdapFailures.unavailable("search", e);
            }
        }
        if (found.size() > 1) {
            LOG.warn("{} LDAP entries match one user ({}), so none of them can sign in: {}", found.size(), filter,
                    found.stream().map(SearchResultEntry::getDN).collect(Collectors.joining("; ")));
            return Optional.empty();
        }
        return found.stream().findFirst();
    }

    /** The entry at {@code dn} if it matches {@code filter}. */
    private Optional<SearchResultEntry> read(DN dn, Filter filter, String... attributes) {
        try {
            return search(new SearchRequest(dn.toString(), SearchScope.BASE, filter, attributes)).getSearchEntries()
                    .stream().findFirst();
        } catch (LDAPSearchException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return Optional.empty();
            }
            throw LdapFailures.unavailable("read", e);
        }
    }

    private SearchResult search(SearchRequest request) throws LDAPSearchException {
        request.setTimeLimitSeconds((int) Math.max(1, settings.responseTimeout().toSeconds()));
        return connections.lookups().search(request);
    }

    /**
     * The roles of the mapped groups that list the entry as a {@code member} or
     * {@code uniqueMember} (direct membership; nested groups are not followed): one base-scope
     * search per mapped group, so it works alike on servers with and without {@code memberOf}.
     */
    private Set<Role> rolesOf(String entryDn) {
        if (settings.roleGroups().isEmpty()) {
            return Set.of();
        }
        Filter member = Filter.createORFilter(Filter.createEqualityFilter("member", entryDn),
                Filter.createEqualityFilter("uniqueMember", entryDn));
        Set<Role> roles = new HashSet<>();
        for (DN group : settings.roleGroups().groups()) {
            if (read(group, member, NO_ATTRIBUTES).isPresent()) {
                roles.addAll(settings.roleGroups().rolesOf(group));
            }
        }
        return roles;
    }

    /** False for any refusal; an outage is a {@link io.userservice.core.port.StoreUnavailableException}. */
    private boolean bind(DN dn, String password) {
        LDAPConnectionPool binds = connections.binds();
        try {
            return binds.bind(dn.toString(), password).getResultCode() == ResultCode.SUCCESS;
        } catch (LDAPException e) {
            if (LdapFailures.isOutage(e)) {
                throw LdapFailures.unavailable("bind", e);
            }
            return false;
        }
    }

    private boolean isDisabled(DN dn) {
        return settings.disabledFilter() != null && read(dn, settings.disabledFilter(), NO_ATTRIBUTES).isPresent();
    }

    private DN dnOf(SearchResultEntry entry) {
        try {
            return entry.getParsedDN();
        } catch (LDAPException e) {
            return nobody;
        }
    }
}
