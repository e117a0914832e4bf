package io.userservice.jdbc;

import io.userservice.core.port.out.CoreStores;
import io.userservice.core.port.out.contract.UserAttributesContract;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;

class JdbiUserAttributesTest extends UserAttributesContract {

    private final H2Database database = new H2Database();

    @Override
    protected CoreStores newStores() {
        return database.open();
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        database.close();
    }
}
