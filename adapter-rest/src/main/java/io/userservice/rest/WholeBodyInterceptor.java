package io.userservice.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Sends an answer's body whole, with its length, when it fits in {@link #MAX_BUFFERED} bytes.
 *
 * <p>A container that streams the body as it is written (Jersey's Jetty container does) cannot know
 * its length, so even a small answer goes out chunked: the head and the body in one write, then
 * the last chunk in another. Buffered here, the body is written once, after a {@code Content-Length}
 * header, and the answer leaves in one write. A body that outgrows the buffer is streamed from
 * there on, as before. A writer that fails part-way has sent nothing, so its error answer is whole.
 */
final class WholeBodyInterceptor implements WriterInterceptor {

    /** The largest body held back to be sent with its length; larger ones are streamed. */
    static final int MAX_BUFFERED = 64 * 1024;

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        OutputStream target = context.getOutputStream();
        HeldBody body = new HeldBody(target);
        context.setOutputStream(body);
        try {
            context.proceed();
        } finally {
            context.setOutputStream(target);
        }
        body.finish(context.getHeaders());
    }

    /** Holds what is written until it passes {@link #MAX_BUFFERED} bytes, then streams it. */
    private static final class HeldBody extends OutputStream {
        private final OutputStream target;
        private ByteArrayOutputStream held = new ByteArrayOutputStream(512);

        HeldBody(OutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (held != null && held.size() + length > MAX_BUFFERED) {
                held.writeTo(target);
                held = null;
            }
            if (held != null) {
                held.write(bytes, offset, length);
            } else {
                target.write(bytes, offset, length);
            }
        }

        /** A flush while the body is held waits for the end; once streaming, it passes on. */
        @Override
        public void flush() throws IOException {
            if (held == null) {
                target.flush();
            }
        }

        /** The container closes its own stream after the writers are done. */
        @Override
        public void close() {
        }

        /** Sends a held body with its length; a streamed one has been sent already. */
        void finish(MultivaluedMap<String, Object> headers) throws IOException {
            if (held == null) {
                return;
            }
            headers.putSingle(HttpHeaders.CONTENT_LENGTH, held.size());
            held.writeTo(target);
            held = null;
        }
    }
}
