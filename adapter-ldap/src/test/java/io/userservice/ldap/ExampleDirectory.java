package io.userservice.ldap;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import io.userservice.core.port.out.UserDirectory;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.TrustManager;

/**
 * UnboundID's in-memory directory server holding {@code slapd/example.ldif} (the contract's
 * people, a service account, two groups), on a loopback port of its own that stays the same when
 * the server is stopped and started again. Schema checking is off, so tests can give entries the
 * lock attributes of other servers ({@code pwdAccountLockedTime}, {@code nsAccountLock}).
 */
final class ExampleDirectory implements AutoCloseable {

    static final String BASE = "dc=example,dc=com";
    static final String PEOPLE = "ou=people,dc=example,dc=com";
    static final String SERVICE_ACCOUNT = "cn=usersvc,ou=services,dc=example,dc=com";
    static final String SERVICE_PASSWORD = "service account password";
    static final String ADMINS = "cn=admins,ou=groups,dc=example,dc=com";
    static final String EDITORS = "cn=editors,ou=groups,dc=example,dc=com";
    static final String LDIF = "slapd/example.ldif";
    private static final char[] KEY_STORE_PIN = "test keystore".toCharArray();
    /** Key stores by host name, made once per test run (keytool takes a second or two). */
    private static final Map<String, File> KEY_STORES = new java.util.concurrent.ConcurrentHashMap<>();

    /** How clients reach the server. */
    enum Transport { PLAIN, LDAPS, STARTTLS }

    final InMemoryDirectoryServer server;
    private final Transport transport;
    private final int port;
    private final File keyStore;
    private final char[] keyStorePin;

    private ExampleDirectory(Transport transport, String certificateHost) {
        this.transport = transport;
        try {
            port = freePort();
            InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
            config.setSchema(null);
            if (transport == Transport.PLAIN) {
                keyStore = null;
                keyStorePin = null;
                config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("plain",
                        InetAddress.getLoopbackAddress(), port, null));
            } else {
                keyStorePin = KEY_STORE_PIN;
                keyStore = keyStoreFor(certificateHost);
                SSLUtil serverSsl = new SSLUtil(new KeyStoreKeyManager(keyStore, keyStorePin, "PKCS12", null),
                        new TrustAllTrustManager());
                config.setListenerConfigs(transport == Transport.LDAPS
                        ? InMemoryListenerConfig.createLDAPSConfig("ldaps", InetAddress.getLoopbackAddress(), port,
                                serverSsl.createSSLServerSocketFactory(), serverSsl.createSSLSocketFactory())
                        : InMemoryListenerConfig.createLDAPConfig("starttls", InetAddress.getLoopbackAddress(), port,
                                serverSsl.createSSLSocketFactory()));
            }
            server = new InMemoryDirectoryServer(config);
            server.importFromLDIF(true, resource(LDIF));
            server.startListening();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the in-memory directory server", e);
        }
    }

    static ExampleDirectory start() {
        return new ExampleDirectory(Transport.PLAIN, null);
    }

    /** Over TLS with a certificate for {@code localhost}, the host name of {@link #settings()}. */
    static ExampleDirectory start(Transport transport) {
        return new ExampleDirectory(transport, "localhost");
    }

    /** Over TLS with a certificate for {@code certificateHost} only. */
    static ExampleDirectory start(Transport transport, String certificateHost) {
        return new ExampleDirectory(transport, certificateHost);
    }

    int port() {
        return port;
    }

    /** The settings that point the provider at this server, as the service account. */
    Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("USERSVC_LDAP_URL", (transport == Transport.LDAPS ? "ldaps" : "ldap") + "://localhost:" + port);
        settings.put("USERSVC_LDAP_STARTTLS", Boolean.toString(transport == Transport.STARTTLS));
        settings.put("USERSVC_LDAP_BIND_DN", SERVICE_ACCOUNT);
        settings.put("USERSVC_LDAP_BIND_PASSWORD", SERVICE_PASSWORD);
        settings.put("USERSVC_LDAP_USER_BASE", PEOPLE);
        settings.put("USERSVC_LDAP_ROLE_GROUPS", ADMINS + "=admin;" + EDITORS + "=user-edit");
        settings.put("USERSVC_DIRECTORY", "ldap");
        return settings;
    }

    /** A trust manager that trusts this server's self-signed certificate (and nothing else). */
    TrustManager trustingItsCertificate() {
        return new TrustStoreTrustManager(keyStore, keyStorePin, "PKCS12", true);
    }

    /** The directory these settings open, trusting this server's certificate. */
    UserDirectory open(Map<String, String> settings, Clock clock) {
        TrustManager trust = transport == Transport.PLAIN ? new TrustAllTrustManager() : trustingItsCertificate();
        return new LdapDirectoryProvider(trust, clock).open(settings).open(null);
    }

    UserDirectory open() {
        return open(settings(), Clock.systemUTC());
    }

    void add(String... ldif) {
        try {
            server.add(ldif);
        } catch (Exception e) {
            throw new IllegalStateException("cannot add " + String.join(" / ", ldif), e);
        }
    }

    void modify(String... ldif) {
        try {
            server.modify(ldif);
        } catch (Exception e) {
            throw new IllegalStateException("cannot modify " + String.join(" / ", ldif), e);
        }
    }

    /** Stops listening and drops every connection, as a server that went down. */
    void stop() {
        server.shutDown(true);
    }

    /** Listens again, on the same port, with the same entries. */
    void restart() {
        try {
            server.startListening();
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot listen again on " + port, e);
        }
    }

    @Override
    public void close() {
        server.shutDown(true);
    }

    private static File keyStoreFor(String host) {
        return KEY_STORES.computeIfAbsent(host, name -> {
            try {
                File file = selfSigned(name, KEY_STORE_PIN);
                file.deleteOnExit();
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    static String resource(String name) {
        java.net.URL url = ExampleDirectory.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException("no test resource " + name);
        }
        try {
            return new File(url.toURI()).getPath();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PKCS#12 key store with a new self-signed certificate for one host name, made by the JDK's keytool. */
    private static File selfSigned(String host, char[] pin) throws IOException, InterruptedException {
        File file = File.createTempFile("ldap-test-server", ".p12");
        if (!file.delete()) {
            throw new IOException("cannot replace " + file);
        }
        Process keytool = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + host, "-ext", "SAN=dns:" + host, "-validity", "2", "-keystore", file.getPath(),
                "-storetype", "PKCS12", "-storepass", new String(pin), "-keypass", new String(pin))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (keytool.waitFor() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        return file;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
