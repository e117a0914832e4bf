package io.userservice.app;

import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Starts the User Service server from the environment's configuration, or runs one of the
 * operator's commands ({@code roles …}, {@code keys …}) on the configured database.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Logger log = LoggerFactory.getLogger(Main.class);

        AppConfig config;
        PerformanceConfig limits;
        try {
            config = AppConfig.fromEnvironment();
            limits = PerformanceConfig.fromEnvironment();
        } catch (ConfigException e) {
            System.err.println("user-service: invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (args.length > 0) {
            try {
                System.exit(args[0].equals("keys") ? KeyCommand.run(args, config, System.out, System.err)
                        : RoleCommand.run(args, config, System.out, System.err));
            } catch (ConfigException e) {
                System.err.println("user-service: invalid configuration: " + e.getMessage());
                System.exit(2);
            }
            return;
        }
        UserServiceServer server;
        try {
            server = UserServiceServer.start(config, limits);
        } catch (ConfigException e) {
            System.err.println("user-service: invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            log.error("user-service: cannot start", e);
            System.err.println("user-service: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "user-service-shutdown"));
        long startedMillis = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        log.info("User Service ready on {}:{} (public URL {}) in {} ms", config.host(), server.port(),
                config.publicUrl(), startedMillis);
    }
}
