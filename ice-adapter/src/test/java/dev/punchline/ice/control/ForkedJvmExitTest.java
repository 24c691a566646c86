package dev.punchline.ice.control;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForkedJvmExitTest {

    @Test
    void aJvmThatClosedItsSessionExitsWithinOneSecond() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process process = new ProcessBuilder(java, "-cp", classpath, ForkedSession.class.getName())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        List<String> output = new ArrayList<>();
        long closedAt = 0;
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                if (line.equals("closed")) {
                    closedAt = System.nanoTime();
                    break;
                }
            }
            assertTrue(closedAt != 0, "the forked session never closed: " + output);
            output.add(lines.readLine());
            boolean exited = process.waitFor(5, TimeUnit.SECONDS);
            long exitMs = (System.nanoTime() - closedAt) / 1_000_000;
            System.out.printf("forked JVM exited %d ms after its sessions closed; %s%n", exitMs,
                    output.get(output.size() - 1));
            assertTrue(exited, "still running 5 s after closing: " + output);
            assertEquals(0, process.exitValue(), output.toString());
            assertTrue(exitMs < 1_000, "exit took " + exitMs + " ms after close");
        } finally {
            process.destroyForcibly();
        }
    }
}
