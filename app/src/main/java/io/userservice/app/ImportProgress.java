package io.userservice.app;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * How far an import is, on stderr: on a terminal a bar redrawn in place with the rate and an
 * estimate of the time left (from the bytes of the file read so far); elsewhere (a file, a pipe,
 * a log collector) a plain line every 10 seconds, which stays readable once written.
 */
abstract class ImportProgress {

    static final long LINE_EVERY_NANOS = 10_000_000_000L;
    static final long REDRAW_EVERY_NANOS = 250_000_000L;
    static final int BAR_WIDTH = 30;

    final PrintWriter err;
    final LongSupplier nanos;
    final long started;
    private long next;

    private ImportProgress(PrintWriter err, LongSupplier nanos, long every) {
        this.err = err;
        this.nanos = nanos;
        this.started = nanos.getAsLong();
        this.next = started + every;
    }

    /** The bar when stderr is a terminal, else the lines. */
    static ImportProgress on(PrintWriter err, boolean terminal, long totalBytes, LongSupplier bytesRead) {
        return terminal ? new Bar(err, System::nanoTime, totalBytes, bytesRead) : new Lines(err, System::nanoTime);
    }

    /** Whether this process's stderr is a terminal (rather than a file or a pipe). */
    static boolean stderrIsTerminal() {
        if (System.console() == null) {
            return false;
        }
        try {
            // where /proc is, it names what descriptor 2 is: a terminal device, or a file or pipe
            return Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString().startsWith("/dev/");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return true;
        }
    }

    /** Called after each batch with the number of users handled so far. */
    final void update(long users) {
        long now = nanos.getAsLong();
        if (now >= next) {
            next = now + every();
            show(users, now);
        }
    }

    /** Called once at the end, before the summary line. */
    abstract void finish(long users);

    /** Makes room for a line of its own on stderr (a rejected user), before it is printed. */
    void clear() {
    }

    abstract long every();

    abstract void show(long users, long now);

    static String rate(long users, long elapsedNanos) {
        return String.format(Locale.ROOT, "%,d users/s", Math.round(users / Math.max(elapsedNanos / 1e9, 1e-3)));
    }

    /** A duration of whole seconds as {@code 1 h 02 min}, {@code 3 min 05 s} or {@code 42 s}. */
    static String duration(long seconds) {
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
        }
        if (seconds >= 60) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return seconds + " s";
    }

    /** A line every 10 seconds: {@code 412,000 users, 4,100 users/s}. */
    static final class Lines extends ImportProgress {

        Lines(PrintWriter err, LongSupplier nanos) {
            super(err, nanos, LINE_EVERY_NANOS);
        }

        @Override
        long every() {
            return LINE_EVERY_NANOS;
        }

        @Override
        void show(long users, long now) {
            err.println(String.format(Locale.ROOT, "%,d users, ", users) + rate(users, now - started));
            err.flush();
        }

        @Override
        void finish(long users) {
        }
    }

    /** {@code [#########.....................]  30%  412,000 users  4,100 users/s  1 min 20 s left}. */
    static final class Bar extends ImportProgress {

        private final long totalBytes;
        private final LongSupplier bytesRead;
        private int drawn;

        Bar(PrintWriter err, LongSupplier nanos, long totalBytes, LongSupplier bytesRead) {
            super(err, nanos, REDRAW_EVERY_NANOS);
            this.totalBytes = totalBytes;
            this.bytesRead = bytesRead;
        }

        @Override
        long every() {
            return REDRAW_EVERY_NANOS;
        }

        @Override
        void show(long users, long now) {
            String text = text(users, now);
            // the earlier, longer text is blanked out to its end
            err.print("\r" + text + " ".repeat(Math.max(0, drawn - text.length())));
            err.flush();
            drawn = text.length();
        }

        String text(long users, long now) {
            long read = Math.min(bytesRead.getAsLong(), totalBytes);
            double done = totalBytes <= 0 ? 0 : (double) read / totalBytes;
            int filled = (int) Math.floor(done * BAR_WIDTH);
            long elapsed = now - started;
            StringBuilder text = new StringBuilder("[").append("#".repeat(filled))
                    .append(".".repeat(BAR_WIDTH - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3d%%  %,d users  ", (int) Math.floor(done * 100), users))
                    .append(rate(users, elapsed));
            if (read > 0 && read < totalBytes) {
                long left = Math.round(elapsed / 1e9 * (totalBytes - read) / read);
                text.append("  about ").append(duration(left)).append(" left");
            }
            return text.toString();
        }

        @Override
        void clear() {
            if (drawn > 0) {
                err.print("\r" + " ".repeat(drawn) + "\r");
                drawn = 0;
            }
        }

        @Override
        void finish(long users) {
            show(users, nanos.getAsLong());
            err.println();
            err.flush();
        }
    }

    /** Counts the bytes read through it, for the bar's share of the file. */
    static final class Counted extends FilterInputStream {

        private long count;

        Counted(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
