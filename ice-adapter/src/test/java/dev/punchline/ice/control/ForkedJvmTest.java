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

/** Sessions in a JVM of their own: for its exit, and for ice4j settings that are read once per process. */
class ForkedJvmTest {

    private record Run(List<String> output, long exitMsAfterClose) {
        boolean has(String prefix) {
            return output.stream().anyMatch(line -> line.startsWith(prefix));
        }
    }

    private static Run fork(String mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process process = new ProcessBuilder(java, "-cp", classpath, ForkedSession.class.getName(), mode)
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        List<String> output = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            long closedAt = 0;
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                if (line.equals("closed")) {
                    closedAt = System.nanoTime();
                    output.add(lines.readLine());
                    break;
                }
            }
            assertTrue(closedAt != 0, "the forked session never closed: " + output);
            assertTrue(process.waitFor(5, TimeUnit.SECONDS), "still running 5 s after closing: " + output);
            long exitMs = (System.nanoTime() - closedAt) / 1_000_000;
            assertEquals(0, process.exitValue(), output.toString());
            return new Run(output, exitMs);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aJvmThatClosedItsSessionExitsWithinOneSecond() throws Exception {
        Run run = fork("exit");
        System.out.printf("forked JVM exited %d ms after its sessions closed; %s%n", run.exitMsAfterClose(),
                run.output().get(run.output().size() - 1));
        assertTrue(run.exitMsAfterClose() < 1_000, "exit took " + run.exitMsAfterClose() + " ms after close");
        assertTrue(run.has("non-daemon threads left: []"), run.output().toString());
    }

    @Test
    void consentLossOnTheSelectedPairIsReportedAndItsReturnToo() throws Exception {
        Run run = fork("consent");
        run.output().stream().filter(line -> line.startsWith("consent")).forEach(System.out::println);
        assertTrue(run.has("consent lost") && run.output().stream().anyMatch(l -> l.endsWith("the selected pair")),
                run.output().toString());
        assertTrue(run.has("consent restored"), run.output().toString());
        assertTrue(run.has("selections 1"), "ice4j keeps its pair through a consent loss: " + run.output());
    }
}
