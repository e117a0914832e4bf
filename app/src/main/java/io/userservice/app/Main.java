package io.userservice.app;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * {@code java -jar user-service.jar [VERB …]}: serves (no verb, or {@code serve}) or runs one of
 * the operator's verbs; {@link Cli} lists them.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        StartupPhases.mainEntered();
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Cli cli = new Cli(System.getenv());
        int code = Cli.run(cli, new PrintWriter(System.out, true, Charset.defaultCharset()),
                new PrintWriter(System.err, true, Charset.defaultCharset()), args);
        UserServiceServer server = cli.server();
        if (server == null) {
            System.exit(code);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "user-service-shutdown"));
    }
}
