package io.userservice.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.Role;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which directory groups grant which of the service's roles, from
 * {@code cn=admins,ou=groups,dc=example,dc=com=admin;cn=support,ou=groups,dc=example,dc=com=user-edit}:
 * pairs of a group's DN and a role, separated by {@code ;}. A semicolon cannot stand unescaped in
 * a DN (RFC 4514 escapes it as {@code \;} or {@code \3B}), and a role name holds no {@code =},
 * so each pair splits at its last {@code =}.
 */
final class RoleGroups {

    private final Map<DN, Set<Role>> rolesByGroup;

    private RoleGroups(Map<DN, Set<Role>> rolesByGroup) {
        this.rolesByGroup = rolesByGroup;
    }

    /** @throws IllegalArgumentException naming {@code setting} for a pair that is not a group DN and a role */
    static RoleGroups parse(String setting, String text) {
        Map<DN, Set<Role>> roles = new LinkedHashMap<>();
        for (String pair : pairs(text)) {
            if (pair.isBlank()) {
                continue;
            }
            int split = pair.lastIndexOf('=');
            if (split <= 0 || split == pair.length() - 1) {
                throw notAPair(setting, pair);
            }
            DN group;
            try {
                group = new DN(pair.substring(0, split).strip());
            } catch (LDAPException e) {
                throw notAPair(setting, pair);
            }
            if (group.isNullDN()) {
                throw notAPair(setting, pair);
            }
            Role role;
            try {
                role = new Role(pair.substring(split + 1).strip());
            } catch (InvalidInputException e) {
                throw new IllegalArgumentException(setting + ": '" + pair.substring(split + 1).strip()
                        + "' is not a role name (lower-case letters, digits and dashes, starting with a letter)");
            }
            roles.computeIfAbsent(group, g -> new HashSet<>()).add(role);
        }
        return new RoleGroups(Map.copyOf(roles));
    }

    Set<DN> groups() {
        return rolesByGroup.keySet();
    }

    Set<Role> rolesOf(DN group) {
        return rolesByGroup.getOrDefault(group, Set.of());
    }

    boolean isEmpty() {
        return rolesByGroup.isEmpty();
    }

    /** Splits at each {@code ;} that is not escaped by a backslash (an escaped backslash escapes nothing). */
    private static List<String> pairs(String text) {
        List<String> pairs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
            } else if (c == ';') {
                pairs.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        pairs.add(current.toString());
        return pairs;
    }

    private static IllegalArgumentException notAPair(String setting, String pair) {
        return new IllegalArgumentException(setting + ": '" + pair.strip() + "' is not group-DN=role, as in"
                + " cn=admins,ou=groups,dc=example,dc=com=admin");
    }

    @Override
    public String toString() {
        return rolesByGroup.toString();
    }
}
