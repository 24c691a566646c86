package dev.punchline.bench.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

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
    public Path logFile(RelaySetup setup) {
        return setup.workDirectory().resolve("turnserver.log");
    }

    @Override
    public String describe(RelaySetup setup) {
        return "coturn " + version() + " (turnserver, --relay-threads=" + setup.relayThreads()
                + ", UDP only, --max-bps=0, log to a file)";
    }

    /** What {@code turnserver --version} prints: the bare version number. */
    private String version() {
        try {
            Process help = new ProcessBuilder(executable, "--version").redirectErrorStream(true).start();
            String out = new String(help.getInputStream().readAllBytes()).trim();
            help.waitFor();
            return out.isEmpty() || out.contains("\n") ? "(version unknown)" : out;
        } catch (IOException e) {
            return "(version unknown)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(version unknown)";
        }
    }
}
