package dev.punchline.it.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Preconditions of lab and interop tests. On a developer machine a missing tool skips the
 * test; under {@code CI=true} it fails it, so a CI run can never pass by skipping everything.
 */
public final class Requirements {

    /** sbin directories are often missing from a non-root PATH although the tools live there. */
    private static final List<String> EXTRA_DIRECTORIES = List.of("/usr/local/sbin", "/usr/sbin", "/sbin");

    private Requirements() {
    }

    /** True when the environment asks for strictness: CI=true (any case). */
    public static boolean strict() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    public static void requireRoot() {
        if (!isRoot()) {
            unavailable("needs root (network namespaces, nftables, TUN devices); run with sudo");
        }
    }

    /** Requires every command to be on the PATH (or in an sbin directory). */
    public static void requireCommand(String... commands) {
        List<String> missing = new ArrayList<>();
        for (String command : commands) {
            if (findCommand(command).isEmpty()) {
                missing.add(command);
            }
        }
        if (!missing.isEmpty()) {
            unavailable("missing command(s): " + String.join(", ", missing)
                    + " (./run-tests installs the Debian packages that provide them)");
        }
    }

    /** The executable a command name resolves to, searching PATH and then the sbin directories. */
    public static Optional<Path> findCommand(String command) {
        if (command.contains("/")) {
            Path path = Path.of(command);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        Set<String> directories = new LinkedHashSet<>();
        String pathVariable = System.getenv("PATH");
        if (pathVariable != null) {
            directories.addAll(List.of(pathVariable.split(File.pathSeparator)));
        }
        directories.addAll(EXTRA_DIRECTORIES);
        return directories.stream()
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, command))
                .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
                .findFirst();
    }

    /** Requires {@code condition}; otherwise skips (fails under CI) saying what is {@code missing}. */
    public static void require(boolean condition, String missing) {
        if (!condition) {
            unavailable(missing);
        }
    }

    private static boolean isRoot() {
        try {
            // The owner of /proc/self is the effective uid of this JVM.
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static void unavailable(String message) {
        if (strict()) {
            Assertions.fail("CI=true and this test cannot run: " + message);
        }
        Assumptions.abort(message);
    }
}
