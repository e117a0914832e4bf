package io.userservice.bench;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import java.net.InetAddress;
import java.util.concurrent.CountDownLatch;

/**
 * The LDAP directory of {@code bench/load.sh --directory ldap}: UnboundID's in-memory server on a
 * free loopback port, holding the load users {@code load0@example.com} … with one password, a
 * service account and a group mapped to a role (so each lookup also asks for a membership, as a
 * configured server would). Prints {@code ready <port>} and serves until the process is stopped.
 *
 * <p>The passwords are stored in clear text. The server's salted-digest encoder
 * ({@code SaltedMessageDigestInMemoryPasswordEncoder}) shares one {@code MessageDigest} between
 * its threads and, under concurrent binds, refuses a few percent of right passwords; a salted
 * SHA-2 digest, as directories store passwords, costs microseconds, nothing next to the round trips.
 *
 * <pre>java -cp … io.userservice.bench.LdapLoadDirectory users password</pre>
 */
public final class LdapLoadDirectory {

    static final String BASE = "dc=example,dc=com";
    static final String PEOPLE = "ou=people," + BASE;
    static final String SERVICE_ACCOUNT = "cn=usersvc," + BASE;
    static final String GROUP = "cn=staff,ou=groups," + BASE;

    private LdapLoadDirectory() {
    }

    public static void main(String[] args) throws Exception {
        int users = Integer.parseInt(args[0]);
        String password = args[1];
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(),
                0, null));
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        server.add("dn: " + BASE, "objectClass: domain", "dc: example");
        server.add("dn: " + PEOPLE, "objectClass: organizationalUnit", "ou: people");
        server.add("dn: ou=groups," + BASE, "objectClass: organizationalUnit", "ou: groups");
        server.add("dn: " + SERVICE_ACCOUNT, "objectClass: organizationalRole", "objectClass: simpleSecurityObject",
                "cn: usersvc", "userPassword: " + password);
        StringBuilder members = new StringBuilder();
        for (int i = 0; i < users; i++) {
            server.add("dn: uid=load" + i + "," + PEOPLE, "objectClass: inetOrgPerson", "uid: load" + i,
                    "cn: Load User " + i, "givenName: Load", "sn: User " + i, "mail: load" + i + "@example.com",
                    "preferredLanguage: en", "userPassword: " + password);
        }
        server.add("dn: " + GROUP, "objectClass: groupOfNames", "cn: staff", "member: uid=load0," + PEOPLE);
        server.startListening();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.shutDown(true)));
        System.out.println("ready " + server.getListenPort());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
