package io.userservice.ldap;

import io.userservice.core.contract.UserDirectoryContract;
import io.userservice.core.port.out.PasswordHasher;
import io.userservice.core.port.out.UserDirectory;
import org.junit.jupiter.api.AfterEach;

/** The read-only directory contract on UnboundID's in-memory server holding {@code slapd/example.ldif}. */
class InMemoryLdapContractTest extends UserDirectoryContract {

    private final ExampleDirectory server = ExampleDirectory.start();

    @Override
    protected UserDirectory newDirectory(PasswordHasher hasher) {
        return server.open();
    }

    @AfterEach
    void stopServer() throws Exception {
        ((AutoCloseable) directory).close();
        server.close();
    }
}
