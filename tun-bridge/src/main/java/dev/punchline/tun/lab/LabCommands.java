package dev.punchline.tun.lab;

import dev.punchline.tun.TunTimings;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The lab's configuration steps: short administration commands ({@code ip}, {@code nft}, {@code conntrack}) run to
 * completion with their input on stdin. Long-running programs on a host are {@link Host#start}'s business; these
 * only ever change the lab's own namespaces, never the machine's.
 */
final class LabCommands {

    private LabCommands() {
    }

    /**
     * Runs {@code command} with {@code input} on stdin and returns what it printed.
     *
     * @throws LabException with the command, its input and its output when it fails or hangs
     */
    static String run(List<String> command, String input) {
        Path output = null;
        Process process = null;
        try {
            // Output goes to a file, not a pipe, so a command that hangs cannot also block this thread's reading.
            output = Files.createTempFile("punchline-lab-", ".out");
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(output.toFile())).start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            boolean finished = process.waitFor(TunTimings.LAB_COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            String printed = Files.readString(output);
            if (!finished) {
                throw failure(command, input, "did not finish within " + TunTimings.LAB_COMMAND_TIMEOUT, printed);
            }
            if (process.exitValue() != 0) {
                throw failure(command, input, "exited with status " + process.exitValue(), printed);
            }
            return printed;
        } catch (IOException e) {
            throw new LabException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while running " + String.join(" ", command), e);
        } finally {
            if (process != null) {
                process.destroyForcibly();
            }
            deleteQuietly(output);
        }
    }

    /** {@code ip -batch -} in the root context: for namespace and link creation, which name their namespaces. */
    static void ipBatch(List<String> lines) {
        if (!lines.isEmpty()) {
            run(List.of("ip", "-batch", "-"), String.join("\n", lines) + "\n");
        }
    }

    /** {@code ip -n NAMESPACE -batch -}. */
    static void ipBatch(String namespace, List<String> lines) {
        if (!lines.isEmpty()) {
            run(List.of("ip", "-n", namespace, "-batch", "-"), String.join("\n", lines) + "\n");
        }
    }

    /** A command run inside {@code namespace} ({@code ip netns exec}). */
    static String inNamespace(String namespace, String input, String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        return run(full, input);
    }

    /**
     * Runs every task at once, each on its own thread (they mostly wait for a child process), and returns once all
     * have ended; the first failure is thrown with the others attached as suppressed.
     */
    static void parallel(List<Callable<?>> tasks) {
        ExecutorService executor = Executors.newFixedThreadPool(Math.max(1, tasks.size()), task -> {
            Thread thread = new Thread(task, "lab-step");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            tasks.forEach(task -> futures.add(executor.submit(task)));
            RuntimeException failure = null;
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException runtime ? runtime
                            : new LabException("a lab step failed: " + e.getCause(), e.getCause());
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LabException("interrupted while building or tearing down a lab", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A leftover few bytes in the temp directory are not worth failing a lab step for.
            }
        }
    }

    private static LabException failure(List<String> command, String input, String what, String output) {
        return new LabException(String.join(" ", command) + " " + what
                + (input.isEmpty() ? "" : "\n----- input -----\n" + input)
                + "\n----- output -----\n" + output);
    }
}
