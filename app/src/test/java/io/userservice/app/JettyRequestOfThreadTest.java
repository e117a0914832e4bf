package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/** The request a thread hands to Jersey is visible to it during the call, and to nothing after. */
class JettyRequestOfThreadTest {

    private final List<Request> seen = new ArrayList<>();

    /** A request that is only ever compared and named. */
    private static Request request(String name) {
        return (Request) Proxy.newProxyInstance(Request.class.getClassLoader(), new Class<?>[] {Request.class},
                (self, method, arguments) -> switch (method.getName()) {
                    case "equals" -> self == arguments[0];
                    case "hashCode" -> System.identityHashCode(self);
                    case "toString" -> name;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private Handler recording(boolean fail) {
        return new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                seen.add(JettyRequestOfThread.current());
                if (fail) {
                    throw new IllegalStateException("failed");
                }
                return true;
            }
        };
    }

    @Test
    void theRequestIsTheThreadsOnlyWhileItIsHandled() throws Exception {
        Request request = request("request");
        assertThat(JettyRequestOfThread.current()).isNull();

        assertThat(new JettyRequestOfThread(recording(false)).handle(request, null, Callback.NOOP)).isTrue();

        assertThat(seen).containsExactly(request);
        assertThat(JettyRequestOfThread.current()).isNull();
    }

    @Test
    void aFailingHandlerLeavesNoRequestBehind() {
        Request request = request("request");

        assertThatThrownBy(() -> new JettyRequestOfThread(recording(true)).handle(request, null, Callback.NOOP))
                .hasMessage("failed");

        assertThat(seen).containsExactly(request);
        assertThat(JettyRequestOfThread.current()).isNull();
    }

    @Test
    void aRequestHandledWithinAnotherGivesTheOuterOneBack() throws Exception {
        Request outer = request("outer");
        Request inner = request("inner");
        JettyRequestOfThread innerHandler = new JettyRequestOfThread(recording(false));
        Handler outerHandler = new JettyRequestOfThread(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                innerHandler.handle(inner, response, callback);
                seen.add(JettyRequestOfThread.current());
                return true;
            }
        });

        outerHandler.handle(outer, null, Callback.NOOP);

        assertThat(seen).containsExactly(inner, outer);
        assertThat(JettyRequestOfThread.current()).isNull();
    }
}
