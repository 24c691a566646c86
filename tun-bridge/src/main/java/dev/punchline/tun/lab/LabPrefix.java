package dev.punchline.tun.lab;

import dev.punchline.tun.process.ExternalProcess;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The per-run prefix of a lab's namespace names, {@code pl<pid>-<n>-}: this project's mark ({@code pl}), the PID of
 * the JVM that owns the lab, and the lab's number within that JVM. Two runs never collide (different PIDs, or one
 * JVM counting), and a stale-lab sweep can tell a dead run's leftovers from a live one's by the PID alone.
 */
public record LabPrefix(long pid, int number) {

    private static final Pattern PATTERN = Pattern.compile("pl(\\d+)-(\\d+)-.+");
    private static final AtomicInteger ALLOCATED = new AtomicInteger();

    /** A fresh prefix for a lab of this JVM. */
    static LabPrefix next() {
        return new LabPrefix(ProcessHandle.current().pid(), ALLOCATED.incrementAndGet());
    }

    /** The prefix of a namespace name, when it carries this project's mark. */
    public static Optional<LabPrefix> of(String namespace) {
        Matcher matcher = PATTERN.matcher(namespace);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LabPrefix(Long.parseLong(matcher.group(1)), Integer.parseInt(matcher.group(2))));
        } catch (NumberFormatException tooLong) {
            return Optional.empty();
        }
    }

    /**
     * Whether the run that made this prefix is still alive. A prefix of this very JVM counts as alive only if this
     * JVM handed it out: an earlier JVM that had the same PID left the others.
     */
    public boolean ownerAlive() {
        if (pid == ProcessHandle.current().pid()) {
            return number <= ALLOCATED.get();
        }
        return ProcessHandle.of(pid).map(ExternalProcess::running).orElse(false);
    }

    /** The full name of the namespace {@code shortName} of this lab. */
    public String namespace(String shortName) {
        return this + shortName;
    }

    @Override
    public String toString() {
        return "pl" + pid + "-" + number + "-";
    }
}
