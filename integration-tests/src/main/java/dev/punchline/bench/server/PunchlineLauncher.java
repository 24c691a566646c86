package dev.punchline.bench.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Our relay as a user runs it: {@code punchline relay} in a JVM of its own, started the way the {@code ./punchline}
 * launcher starts it (this JVM's java and class path, plus whatever JVM options the caller adds), so that its CPU time
 * and memory can be read from /proc apart from the load generator's.
 */
public final class PunchlineLauncher implements RelayLauncher {

    private static final String MAIN_CLASS = "dev.punchline.cli.Punchline";

    private final List<String> jvmOptions;

    public PunchlineLauncher(List<String> jvmOptions) {
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    @Override
    public String name() {
        return "punchline";
    }

    @Override
    public List<String> command(RelaySetup setup) {
        try {
            Class.forName(MAIN_CLASS, false, PunchlineLauncher.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(MAIN_CLASS + " is not on the class path (module tun-bridge): run ./bench, "
                    + "which builds it", e);
        }
        String host = setup.listen().getAddress().getHostAddress();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN_CLASS, "relay",
                "--listen", host + ":" + setup.listen().getPort(),
                "--relay-ip", host,
                "--ports", setup.minRelayPort() + "-" + setup.maxRelayPort(),
                "--realm", setup.realm(),
                "--user", setup.user() + ":" + setup.password(),
                "--allow-peer", "127.0.0.0/8",
                "--quota", Integer.toString(setup.allocationQuota()),
                "--max-bps", "0"));
        return command;
    }

    /** It logs to stderr (slf4j-simple), which the benchmark sends to this file. */
    @Override
    public Path logFile(RelaySetup setup) {
        return RelayProcess.outputFile(this, setup);
    }

    @Override
    public String describe(RelaySetup setup) {
        return "punchline relay (Java " + Runtime.version() + ", " + setup.relayThreads() + " event loops, JVM options: "
                + (jvmOptions.isEmpty() ? "none, as ./punchline" : String.join(" ", jvmOptions)) + ")";
    }
}
