package io.userservice.app;

import java.nio.ByteBuffer;
import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Lets a client whose body was refused as too large read the 413 while it is still writing.
 *
 * <p>The application answers 413 before reading a body whose declared length is over the limit, and
 * as soon as a chunked body passes it. Jetty would then close the connection with the rest of the
 * body unread, and a socket closed with unread bytes sends a TCP reset: the client, still writing,
 * gets a broken pipe or a reset instead of the answer. So after a 413 this handler reads and
 * discards the rest of the body before the exchange completes (a lingering close), and the 413
 * carries {@code Connection: close}, so the connection ends with the answer.
 *
 * <p>The draining is bounded by {@link #MAX_DRAIN_BYTES} and {@link #MAX_DRAIN_TIME}; past either,
 * the connection is closed as before and a client still writing is cut off. It holds no thread
 * while it waits: Jetty calls back when more of the body has arrived. A client that announced
 * {@code Expect: 100-continue} and was never asked for its body has nothing to drain.
 */
final class LingeringClose extends Handler.Wrapper {

    /**
     * The most body read after a 413: twice the largest {@code USERSVC_MAX_BODY_BYTES} (16 MiB), so
     * a client that sends a body of a size worth refusing by mistake (an upload of a few megabytes)
     * reads its answer, while a client sending without end is cut off after costing the server only
     * this much bandwidth, which a client on a 100 Mbit/s link sends in under 3 s.
     */
    static final long MAX_DRAIN_BYTES = 32L * 1024 * 1024;

    /**
     * The longest time spent reading after a 413: enough for such a body over an ordinary link,
     * short enough that a client trickling bytes keeps its connection only briefly.
     */
    static final Duration MAX_DRAIN_TIME = Duration.ofSeconds(5);

    LingeringClose(Handler application) {
        super(application);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        AbandonableRequest body = new AbandonableRequest(request);
        return super.handle(body, new ClosingResponse(body, response), new DrainFirst(body, response, callback));
    }

    private static boolean refused(Response response) {
        return response.getStatus() == HttpStatus.PAYLOAD_TOO_LARGE_413;
    }

    /**
     * Called before the answer's headers are sent: a 413 is marked {@code Connection: close}; any
     * other answer lets Jetty know now of a body the application stopped reading, as it would have
     * without this handler.
     */
    private static void beforeCommit(AbandonableRequest request, Response response) {
        if (response.isCommitted()) {
            return;
        }
        if (refused(response)) {
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        } else {
            request.passOnAbandonment();
        }
    }

    /**
     * Holds back the failure with which a reader that stops early (Jersey closing the body after
     * refusing a chunked body as too large) fails the body: passed on, it would make the rest of
     * the body unreadable before the answer is known to be a 413.
     */
    private static final class AbandonableRequest extends Request.Wrapper {

        private Throwable abandoned;
        private boolean passedOn;

        AbandonableRequest(Request request) {
            super(request);
        }

        @Override
        public synchronized void fail(Throwable failure) {
            if (abandoned == null) {
                abandoned = failure;
            }
        }

        synchronized boolean wasAbandoned() {
            return abandoned != null;
        }

        void passOnAbandonment() {
            Throwable failure;
            synchronized (this) {
                if (abandoned == null || passedOn) {
                    return;
                }
                passedOn = true;
                failure = abandoned;
            }
            super.fail(failure);
        }
    }

    private static final class ClosingResponse extends Response.Wrapper {

        private final AbandonableRequest body;

        ClosingResponse(AbandonableRequest body, Response response) {
            super(body, response);
            this.body = body;
        }

        @Override
        public void write(boolean last, ByteBuffer content, Callback callback) {
            beforeCommit(body, this);
            super.write(last, content, callback);
        }
    }

    /**
     * Completes the exchange once the rest of a refused body is read, or a bound is reached. Reads
     * happen only under the lock and only before {@code finished} is set, so no read follows the
     * completion, whether the end of the body or the deadline comes first.
     */
    private static final class DrainFirst implements Callback {

        private final AbandonableRequest request;
        private final Response response;
        private final Callback completion;
        private boolean finished;
        private long drained;
        private Scheduler.Task deadline;

        DrainFirst(AbandonableRequest request, Response response, Callback completion) {
            this.request = request;
            this.response = response;
            this.completion = completion;
        }

        @Override
        public void succeeded() {
            beforeCommit(request, response);
            if (!refused(response) || neverAskedForTheBody()) {
                completion.succeeded();
                return;
            }
            synchronized (this) {
                deadline = request.getComponents().getScheduler().schedule(this::finish, MAX_DRAIN_TIME);
            }
            drain();
        }

        /** Reading would now send the {@code 100 Continue} that the answer made moot. */
        private boolean neverAskedForTheBody() {
            return !request.wasAbandoned()
                    && request.getHeaders().contains(HttpHeader.EXPECT, HttpHeaderValue.CONTINUE.asString());
        }

        @Override
        public void failed(Throwable failure) {
            completion.failed(failure);
        }

        @Override
        public InvocationType getInvocationType() {
            return completion.getInvocationType();
        }

        private void drain() {
            synchronized (this) {
                while (!finished) {
                    Content.Chunk chunk = request.read();
                    if (chunk == null) {
                        request.demand(this::drain);
                        return;
                    }
                    boolean end = chunk.isLast() || Content.Chunk.isFailure(chunk);
                    drained += chunk.remaining();
                    chunk.release();
                    if (end || drained > MAX_DRAIN_BYTES) {
                        break;
                    }
                }
            }
            finish();
        }

        /**
         * Completes the exchange once. With the body read to its end the connection closes after the
         * answer; otherwise Jetty finds the body unconsumed (or a read still pending) and closes it
         * at once.
         */
        private void finish() {
            synchronized (this) {
                if (finished) {
                    return;
                }
                finished = true;
                if (deadline != null) {
                    deadline.cancel();
                }
            }
            completion.succeeded();
        }
    }
}
