package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ImportProgressTest {

    private static final long SECOND = 1_000_000_000L;

    private final StringWriter written = new StringWriter();
    private final PrintWriter err = new PrintWriter(written);
    private final AtomicLong now = new AtomicLong(5 * SECOND);
    private final AtomicLong read = new AtomicLong();

    @Test
    void offATerminalALineComesEveryTenSecondsAndNothingInBetween() {
        ImportProgress lines = new ImportProgress.Lines(err, now::get);

        now.addAndGet(9 * SECOND);
        lines.update(9_000);
        assertThat(written.toString()).isEmpty();

        now.addAndGet(SECOND);
        lines.update(412_000);
        now.addAndGet(SECOND);
        lines.update(450_000);
        lines.finish(450_000);

        assertThat(written.toString()).isEqualTo("412,000 users, 41,200 users/s" + System.lineSeparator());
        now.addAndGet(9 * SECOND);
        lines.update(800_000);
        assertThat(written.toString()).endsWith("800,000 users, 40,000 users/s" + System.lineSeparator());
    }

    @Test
    void onATerminalTheBarShowsTheShareOfTheFileTheRateAndTheTimeLeft() {
        ImportProgress.Bar bar = new ImportProgress.Bar(err, now::get, 4_000, read::get);

        read.set(1_000);
        now.addAndGet(10 * SECOND);
        bar.update(1_000);

        assertThat(written.toString()).isEqualTo(
                "\r[#######.......................]  25%  1,000 users  100 users/s  about 30 s left");
    }

    @Test
    void theBarIsRedrawnInPlaceAtMostFourTimesASecondAndEndsWithANewLine() {
        ImportProgress.Bar bar = new ImportProgress.Bar(err, now::get, 1_000, read::get);

        read.set(100);
        now.addAndGet(SECOND);
        bar.update(10);
        now.addAndGet(SECOND / 10);
        bar.update(11);
        assertThat(written.toString()).doesNotContain("11 users");

        read.set(1_000);
        now.addAndGet(SECOND);
        bar.update(2_000);
        bar.finish(2_000);

        String text = written.toString();
        assertThat(text.split("\r", -1)).hasSize(4);
        assertThat(text).doesNotContain("\n" + "[").endsWith(System.lineSeparator());
        assertThat(text).contains("[##############################] 100%  2,000 users");
        assertThat(text.substring(text.lastIndexOf('\r'))).doesNotContain("left");
    }

    @Test
    void aShorterTextBlanksOutTheLongerOneBeforeItAndALineOfItsOwnClearsTheBar() {
        ImportProgress.Bar bar = new ImportProgress.Bar(err, now::get, 1_000_000, read::get);
        read.set(1_000);
        now.addAndGet(4_000 * SECOND);
        bar.update(1);
        String first = written.toString();
        assertThat(first).contains("about 1110 h 00 min left");

        read.set(999_999);
        now.addAndGet(SECOND);
        bar.update(999_999);
        String second = written.toString().substring(first.length());
        assertThat(second.length()).isGreaterThanOrEqualTo(first.length());
        assertThat(second).endsWith(" ");

        bar.clear();
        String cleared = written.toString().substring(first.length() + second.length());
        assertThat(cleared).matches("\r +\r");
        bar.clear();
        assertThat(written.toString()).endsWith(cleared);
        assertThat(written.toString()).hasSize(first.length() + second.length() + cleared.length());
    }

    @Test
    void durationsReadAsHoursMinutesOrSeconds() {
        assertThat(ImportProgress.duration(0)).isEqualTo("0 s");
        assertThat(ImportProgress.duration(59)).isEqualTo("59 s");
        assertThat(ImportProgress.duration(60)).isEqualTo("1 min 00 s");
        assertThat(ImportProgress.duration(3599)).isEqualTo("59 min 59 s");
        assertThat(ImportProgress.duration(3600)).isEqualTo("1 h 00 min");
        assertThat(ImportProgress.duration(7_380)).isEqualTo("2 h 03 min");
    }

    @Test
    void theCountedStreamCountsEveryByteReadAndSkipped() throws Exception {
        byte[] bytes = "{\"email\":\"a@example.com\"}\n".getBytes(StandardCharsets.UTF_8);
        try (ImportProgress.Counted counted = new ImportProgress.Counted(new ByteArrayInputStream(bytes))) {
            assertThat(counted.read()).isEqualTo('{');
            assertThat(counted.read(new byte[4], 0, 4)).isEqualTo(4);
            assertThat(counted.skip(3)).isEqualTo(3);
            assertThat(counted.count()).isEqualTo(8);
            assertThat(counted.readAllBytes()).hasSize(bytes.length - 8);
            assertThat(counted.read()).isEqualTo(-1);
            assertThat(counted.count()).isEqualTo(bytes.length);
        }
    }

    @Test
    void underTheTestRunnerStderrIsNoTerminalSoTheLinesAreChosen() {
        assertThat(ImportProgress.stderrIsTerminal()).isFalse();
        assertThat(ImportProgress.on(err, false, 100, read::get)).isInstanceOf(ImportProgress.Lines.class);
        assertThat(ImportProgress.on(err, true, 100, read::get)).isInstanceOf(ImportProgress.Bar.class);
    }
}
