package io.userservice.app;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * {@code %isoTime} in a log pattern: the event's time in the default time zone, written exactly as
 * {@code %d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX}} writes it. The date, the time to the second and the
 * zone offset are formatted once a second and kept; a line adds only its milliseconds. (Logback's
 * date converter keeps its text for one millisecond, so a busy server formats a date and looks up
 * the zone's rules up to a thousand times a second.) A zone's offset changes only on a whole
 * second, so the kept offset is right for every millisecond of its second.
 */
public final class IsoTimeConverter extends ClassicConverter {

    /** The conversion word. */
    static final String WORD = "isoTime";

    private final Seconds seconds = new Seconds(ZoneId.systemDefault());

    @Override
    public String convert(ILoggingEvent event) {
        return seconds.format(event.getTimeStamp());
    }

    /** The text of one second, kept until a line of another second comes. */
    static final class Seconds {

        private static final String PATTERN_TO_SECOND = "yyyy-MM-dd'T'HH:mm:ss.";

        private record Second(long epochSecond, String head, String offset) {
        }

        private final DateTimeFormatter head;
        private final DateTimeFormatter offset;
        private volatile Second last;

        Seconds(ZoneId zone) {
            this.head = DateTimeFormatter.ofPattern(PATTERN_TO_SECOND).withZone(zone);
            this.offset = DateTimeFormatter.ofPattern("XXX").withZone(zone);
        }

        String format(long epochMillis) {
            return appendTo(new StringBuilder(32), epochMillis).toString();
        }

        /** Appends the text of {@code epochMillis} to {@code text}. */
        StringBuilder appendTo(StringBuilder text, long epochMillis) {
            long epochSecond = Math.floorDiv(epochMillis, 1000L);
            int millis = (int) Math.floorMod(epochMillis, 1000L);
            Second second = last;
            if (second == null || second.epochSecond != epochSecond) {
                Instant start = Instant.ofEpochSecond(epochSecond);
                // two threads may both format a new second; either result is the same text
                second = new Second(epochSecond, head.format(start), offset.format(start));
                last = second;
            }
            text.append(second.head);
            if (millis < 100) {
                text.append(millis < 10 ? "00" : "0");
            }
            return text.append(millis).append(second.offset);
        }
    }
}
