package io.userservice.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "embed the core" example compiles against the core and does what it says. */
class ReadmeExampleTest {

    private static final String MARKER = "<!-- embed-example -->";

    @Test
    void theEmbeddingExampleCompilesAndRuns(@TempDir Path dir) throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int marker = readme.indexOf(MARKER);
        assertThat(marker).as("README marks the example with " + MARKER).isPositive();
        int start = readme.indexOf("```java", marker) + "```java".length();
        String source = readme.substring(start, readme.indexOf("```", start)).strip();
        Path file = dir.resolve("EmbedExample.java");
        Files.writeString(file, source);

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        int result = compiler.run(null, null, null, "-d", dir.toString(), "-cp", classpath, "--release", "17",
                file.toString());
        assertThat(result).as("the README example compiles").isZero();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            Method main = loader.loadClass("EmbedExample").getMethod("main", String[].class);
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("signed in as ada@example.com");
    }
}
