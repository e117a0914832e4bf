package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.ldap.LdapDirectoryProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table lists exactly the settings the server reads: every setting
 * read through {@link Settings} (all of them, read with an empty environment) and every one the
 * LDAP directory asks its settings for, and nothing else.
 */
class ConfigurationTableTest {

    private static final Pattern ROW = Pattern.compile("^\\| ((?:`[A-Z0-9_]+`(?:, )?)+) \\|");
    private static final Pattern NAME = Pattern.compile("`([A-Z0-9_]+)`");

    @Test
    void theReadmeTableAndTheSettingsReadAreTheSame() throws Exception {
        Set<String> read = new TreeSet<>(serverSettings());
        read.addAll(ldapSettings());
        Set<String> documented = documented(Files.readString(Path.of("..", "README.md")));

        assertThat(read).as("settings the code reads").hasSizeGreaterThan(60);
        assertThat(documented).as("in the README's table but read nowhere").isSubsetOf(read);
        assertThat(read).as("read but missing from the README's table").isSubsetOf(documented);
    }

    @Test
    void theTableParserExpandsShorthandAndTheCheckWouldCatchDrift() {
        Set<String> names = documented("""
                ## Configuration

                | variable | default | meaning |
                |---|---|---|
                | `USERSVC_PORT` | `8080` | HTTP port |
                | `USERSVC_LDAP_ATTR_EMAIL`, `_FIRSTNAME` | `mail`, `givenName` | attributes |
                | `USERSVC_LDAP_CONNECT_TIMEOUT`, `_RESPONSE_TIMEOUT` | `PT5S` | timeouts |

                ## Performance
                | `USERSVC_NOT_IN_THE_TABLE` | x | y |
                """);

        assertThat(names).containsExactlyInAnyOrder("USERSVC_PORT", "USERSVC_LDAP_ATTR_EMAIL",
                "USERSVC_LDAP_ATTR_FIRSTNAME", "USERSVC_LDAP_CONNECT_TIMEOUT", "USERSVC_LDAP_RESPONSE_TIMEOUT");
        assertThat(serverSettings()).contains("USERSVC_PORT", "USERSVC_LOG_FORMAT", "USERSVC_PURGE_INTERVAL",
                "USERSVC_HASH_QUEUE", "USERSVC_CONFIG_FILE").doesNotContain("USERSVC_NOT_IN_THE_TABLE");
    }

    private static Set<String> serverSettings() {
        Settings settings = new Settings(Map.of());
        ServerSettings.read(settings);
        return settings.effective().keySet();
    }

    /** The names the LDAP directory asks for while it opens (against a server that is not there). */
    private static Set<String> ldapSettings() {
        Set<String> asked = new TreeSet<>();
        Map<String, String> given = new HashMap<>(Map.of("USERSVC_LDAP_URL", "ldap://127.0.0.1:1",
                "USERSVC_LDAP_BIND_DN", "cn=service,dc=example,dc=com", "USERSVC_LDAP_BIND_PASSWORD", "secret",
                "USERSVC_LDAP_USER_BASE", "ou=people,dc=example,dc=com"));
        Map<String, String> recording = new AbstractMap<>() {
            @Override
            public String get(Object key) {
                asked.add((String) key);
                return given.get(key);
            }

            @Override
            public Set<Entry<String, String>> entrySet() {
                return given.entrySet();
            }
        };
        try {
            new LdapDirectoryProvider().open(recording);
        } catch (RuntimeException expected) {
            // no LDAP server: the settings were all read before connecting
        }
        assertThat(asked).as("read before connecting").contains("USERSVC_LDAP_CACHE_SIZE");
        return asked;
    }

    /** The settings of the Configuration section's table; {@code `A_B_C`, `_D`} names A_B_C and A_B_D. */
    static Set<String> documented(String readme) {
        Set<String> names = new TreeSet<>();
        boolean inSection = false;
        for (String line : readme.lines().toList()) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## Configuration");
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (!inSection || !row.find()) {
                continue;
            }
            Matcher name = NAME.matcher(row.group(1));
            String first = null;
            while (name.find()) {
                String found = name.group(1);
                if (first == null) {
                    first = found;
                    names.add(found);
                } else if (found.startsWith("_")) {
                    int parts = found.substring(1).split("_").length;
                    String[] firstParts = first.split("_");
                    names.add(String.join("_", java.util.Arrays.copyOf(firstParts, firstParts.length - parts)) + found);
                } else {
                    names.add(found);
                }
            }
        }
        return names;
    }
}
