package dev.punchline.bench.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * coturn's turnserver, configured only from the command line ({@code -n}) as closely to our relay as its flags allow:
 * UDP only, no bandwidth cap, quotas that never bite, loopback peers allowed, as many relay threads as our relay has
 * event loops, and its log in a file (logging to a terminal at a high allocation rate would slow it down).
 */
public final class CoturnLauncher implements RelayLauncher {

    private final String executable;

    public CoturnLauncher(String executable) {
        this.executable = executable;
    }

    @Override
    public String name() {
        return "coturn";
    }

    @Override
    public List<String> command(RelaySetup setup) {
        return List.of(executable, "-n",
                "--listening-ip=" + setup.listen().getAddress().getHostAddress(),
                "--listening-port=" + setup.listen().getPort(),
                "--relay-ip=" + setup.listen().getAddress().getHostAddress(),
                "--min-port=" + setup.minRelayPort(), "--max-port=" + setup.maxRelayPort(),
                "--relay-threads=" + setup.relayThreads(),
                "--realm=" + setup.realm(), "--lt-cred-mech", "--user=" + setup.user() + ":" + setup.password(),
                "--allow-loopback-peers", "--no-tls", "--no-dtls", "--no-cli", "--no-tcp-relay",
                "--max-bps=0", "--user-quota=" + setup.allocationQuota(), "--total-quota=" + setup.allocationQuota(),
                "--log-file=" + logFile(setup), "--simple-log", "--no-stdout-log",
                "--pidfile=" + setup.workDirectory().resolve("turnserver.pid"),
                "--db=" + setup.workDirectory().resolve("turndb"));
    }

    @Override
    public Optional<Path> ownLogFile(RelaySetup setup) {
        return Optional.of(logFile(setup));
    }

    private static Path logFile(RelaySetup setup) {
        return setup.workDirectory().resolve("turnserver.log");
    }

    @Override
    public String describe(RelaySetup setup) {
        String version;
        try {
            version = version();
        } catch (IOException e) {
            version = "(version unknown)";
        }
        return "coturn " + version + " (turnserver, --relay-threads=" + setup.relayThreads()
                + ", UDP only, --max-bps=0, log to a file)";
    }

    /**
     * What {@code turnserver --version} prints: the bare version number.
     *
     * @throws IOException when the executable cannot be run at all (not installed, not on the PATH)
     */
    public String version() throws IOException {
        Process help = new ProcessBuilder(executable, "--version").redirectErrorStream(true).start();
        String out = new String(help.getInputStream().readAllBytes()).trim();
        try {
            help.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out.isEmpty() || out.contains("\n") ? "(version unknown)" : out;
    }
}
