package io.userservice.app;

import ch.qos.logback.core.OutputStreamAppender;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Standard output through a buffer of its own, written out when it fills and at least every
 * {@link #getFlushMillis() flushMillis} (100 ms by default), and when the appender stops or the
 * JVM exits. For the access log: a line costs the request thread its encoding and a copy into
 * memory, not a system call, and no other thread has to be woken for it. Lines of this appender
 * keep their order; against other appenders' lines on the console they may appear up to one flush
 * interval late.
 */
public class BufferedConsoleAppender<E> extends OutputStreamAppender<E> {

    static final int BUFFER_BYTES = 64 * 1024;

    private long flushMillis = 100;
    private OutputStream target = new FileOutputStream(FileDescriptor.out);
    private volatile Thread flusher;
    private Thread exitFlush;

    public long getFlushMillis() {
        return flushMillis;
    }

    public void setFlushMillis(long flushMillis) {
        this.flushMillis = flushMillis;
    }

    /** Where the lines go instead of standard output (tests). */
    void setTarget(OutputStream target) {
        this.target = target;
    }

    @Override
    public void start() {
        if (flushMillis < 1) {
            addError("flushMillis must be at least 1, not " + flushMillis);
            return;
        }
        setImmediateFlush(false);
        BufferedOutputStream buffer = new BufferedOutputStream(target, BUFFER_BYTES);
        setOutputStream(buffer);
        super.start();
        if (!isStarted()) {
            return;
        }
        Thread thread = new Thread(() -> flushEvery(buffer), "access-log-flush");
        thread.setDaemon(true);
        flusher = thread;
        thread.start();
        exitFlush = new Thread(() -> flushQuietly(buffer), "access-log-exit-flush");
        Runtime.getRuntime().addShutdownHook(exitFlush);
    }

    private void flushEvery(OutputStream buffer) {
        Thread self = Thread.currentThread();
        while (flusher == self) {
            try {
                Thread.sleep(flushMillis);
            } catch (InterruptedException e) {
                break;
            }
            flushQuietly(buffer);
        }
    }

    private void flushQuietly(OutputStream buffer) {
        try {
            // BufferedOutputStream's methods hold its monitor: a flush never splits a line
            buffer.flush();
        } catch (IOException e) {
            addError("cannot write the buffered lines", e);
        }
    }

    @Override
    public void stop() {
        Thread thread = flusher;
        flusher = null;
        if (thread != null) {
            thread.interrupt();
        }
        if (exitFlush != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(exitFlush);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
            exitFlush = null;
        }
        // closes the buffer after writing it out; standard output itself is not closed
        super.stop();
    }

    @Override
    protected void closeOutputStream() {
        OutputStream stream = getOutputStream();
        if (stream != null) {
            flushQuietly(stream);
        }
    }
}
