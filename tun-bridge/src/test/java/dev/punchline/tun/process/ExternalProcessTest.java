package dev.punchline.tun.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.punchline.tun.TunTimings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExternalProcessTest {

    private static final Duration SHORT = Duration.ofSeconds(5);

    @BeforeEach
    void needsShellAndSleep() {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) && Files.isExecutable(Path.of("/bin/sleep")), "needs bash and sleep");
    }

    @Test
    void waitForOutputReturnsTheMatchAndTheLogHoldsStdoutAndStderr() {
        try (ExternalProcess process = ExternalProcess.start("echoer",
                "bash", "-c", "echo to-stderr >&2; echo 'listening on port 4242'; sleep 60")) {
            MatchResult match = process.waitForOutput(Pattern.compile("port (\\d+)"), SHORT);

            assertEquals("4242", match.group(1));
            assertTrue(process.output().contains("to-stderr"), process.output());
            assertTrue(process.logFile().getFileName().toString().matches("echoer-\\d+\\.log"), process.logFile().toString());
            assertTrue(process.logFile().toAbsolutePath().getParent().endsWith("target/external-logs"));
        }
    }

    @Test
    void eachStartGetsItsOwnLogFile() {
        try (ExternalProcess first = ExternalProcess.start("twin", "true");
                ExternalProcess second = ExternalProcess.start("twin", "true")) {
            assertFalse(first.logFile().equals(second.logFile()));
            assertTrue(Files.exists(first.logFile()) && Files.exists(second.logFile()));
        }
    }

    @Test
    void anEarlyExitFailsTheWaitWithTheLogTail() {
        try (ExternalProcess process = ExternalProcess.start("quitter", "bash", "-c", "echo last words; exit 3")) {
            ExternalProcessException error = assertThrows(ExternalProcessException.class,
                    () -> process.waitForOutput(Pattern.compile("never printed"), SHORT));

            assertTrue(error.getMessage().contains("exited with status 3"), error.getMessage());
            assertTrue(error.getMessage().contains("last words"), error.getMessage());
        }
    }

    @Test
    void aTimeoutFailsTheWaitWithTheLogTail() {
        try (ExternalProcess process = ExternalProcess.start("mute", "bash", "-c", "echo only this; sleep 60")) {
            ExternalProcessException error = assertThrows(ExternalProcessException.class,
                    () -> process.waitForOutput(Pattern.compile("never printed"), Duration.ofMillis(300)));

            assertTrue(error.getMessage().contains("within 300 ms"), error.getMessage());
            assertTrue(error.getMessage().contains("only this"), error.getMessage());
        }
    }

    @Test
    void waitForExitReturnsTheStatus() {
        try (ExternalProcess process = ExternalProcess.start("status", "bash", "-c", "exit 7")) {
            assertEquals(7, process.waitForExit(SHORT));
        }
    }

    @Test
    void stopTerminatesTheProcessAndItsChildren() {
        Duration took = stopTree("family", "sleep 600 & sleep 600 & echo forked; wait", 3);

        assertTrue(took.compareTo(TunTimings.PROCESS_STOP_GRACE) < 0, "SIGTERM alone should have been enough");
    }

    @Test
    void stopKillsWhatIgnoresSigterm() {
        // An ignored signal stays ignored across fork and exec, so the sleep ignores SIGTERM too.
        Duration took = stopTree("stubborn", "trap '' TERM; sleep 600 & echo forked; wait", 2);

        assertTrue(took.compareTo(TunTimings.PROCESS_STOP_GRACE) >= 0, "SIGKILL must only come after the grace period");
    }

    @Test
    void stoppingTwiceOrAfterExitIsHarmless() {
        ExternalProcess process = ExternalProcess.start("brief", "true");
        process.waitForExit(SHORT);
        process.stop();
        process.stop();
        assertFalse(process.isAlive());
    }

    /** Runs {@code script} until it prints "forked", stops it, checks no process of its tree survived; returns how long stop took. */
    private static Duration stopTree(String name, String script, int expectedProcesses) {
        ExternalProcess process = ExternalProcess.start(name, "bash", "-c", script);
        process.waitForOutput(Pattern.compile("forked"), SHORT);
        ProcessHandle root = ProcessHandle.of(process.pid()).orElseThrow();
        List<ProcessHandle> tree = Stream.concat(Stream.of(root), root.descendants()).toList();
        assertEquals(expectedProcesses, tree.size(), "bash and its sleeps: " + tree);

        long started = System.nanoTime();
        process.stop();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertTrue(tree.stream().noneMatch(ExternalProcess::running), "a process of the tree survived");
        return took;
    }
}
