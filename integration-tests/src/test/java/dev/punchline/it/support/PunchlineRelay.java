package dev.punchline.it.support;

import dev.punchline.tun.process.ExternalProcess;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Our TURN server as operators run it: {@code punchline relay} in a JVM of its own (from this JVM's class path),
 * listening for UDP and TCP on a free port of 127.0.0.1. Its log goes to {@code target/external-logs} and is shown
 * when a test fails.
 */
public final class PunchlineRelay extends ExternalProgram {

    private static final String LOOPBACK = "127.0.0.1";
    /** Logged once every listener is bound. */
    private static final Pattern READY = Pattern.compile("TURN server listening on");

    private final InetSocketAddress address;

    private PunchlineRelay(ExternalProcess process, InetSocketAddress address) {
        super(process);
        this.address = address;
    }

    /**
     * Starts {@code punchline relay} with {@code flags} (users, secrets, {@code --ports}, {@code --allow-peer}...: the
     * command's own flags are this harness's settings) and returns once it has bound its listeners; fails with its
     * log if it does not.
     */
    public static PunchlineRelay start(String... flags) {
        int port = FreePorts.udpAndTcp();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.punchline.cli.Punchline", "relay",
                "--listen", LOOPBACK + ":" + port, "--listen", "tcp:" + LOOPBACK + ":" + port));
        command.addAll(List.of(flags));
        ExternalProcess process = ExternalProcess.start("punchline-relay", command);
        try {
            process.waitForOutput(READY, ItTimings.JVM_START);
        } catch (RuntimeException | AssertionError e) {
            process.stop();
            throw e;
        }
        return new PunchlineRelay(process, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    /** Where it listens, for UDP and TCP. */
    public InetSocketAddress address() {
        return address;
    }
}
