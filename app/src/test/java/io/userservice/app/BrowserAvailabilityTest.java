package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Without a browser the browser tests say what is missing and skip, unless the browser is required. */
class BrowserAvailabilityTest {

    @TempDir
    Path dir;

    private Path executable(String name) throws IOException {
        Path file = Files.createFile(dir.resolve(name));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @Test
    void missingProgramsSkipTheTestNamingWhatIsMissing() {
        assertThatThrownBy(() -> Browser.requireInstalled(dir.resolve("chromium"), dir.resolve("chromedriver"), null))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("chromium (Debian package chromium)")
                .hasMessageContaining("chromedriver (Debian package chromium-driver)");
    }

    @Test
    void whenTheBrowserIsRequiredAMissingProgramFailsTheTest() throws IOException {
        Path chromium = executable("chromium");

        assertThatThrownBy(() -> Browser.requireInstalled(chromium, dir.resolve("chromedriver"), "required"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("chromium-driver").hasMessageContaining("USERSVC_TEST_BROWSER=required")
                .hasMessageNotContaining("package chromium)");
    }

    @Test
    void installedProgramsLetTheTestRun() throws IOException {
        Path chromium = executable("chromium");
        Path chromedriver = executable("chromedriver");

        assertThatCode(() -> Browser.requireInstalled(chromium, chromedriver, "required")).doesNotThrowAnyException();
    }
}
