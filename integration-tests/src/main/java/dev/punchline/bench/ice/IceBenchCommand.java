package dev.punchline.bench.ice;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code bench ice}: how soon a session carries data, in the NAT lab with WAN delay. */
@Command(name = "ice", mixinStandardHelpOptions = true, usageHelpWidth = 110, sortOptions = false,
        description = {
            "Sessions between two NATed lab hosts: time from remote description applied to first packet delivered "
                    + "(each direction) and to the direct path, as a distribution over many sessions.",
            "Builds the NAT lab (needs root, ip, nft, conntrack, /dev/net/tun) with our TURN server on a public host, "
                    + "peers behind two endpoint-independent NATs (direct path) and behind two symmetric NATs "
                    + "(relay only), and the WAN emulator holding every packet for the one-way delay.",
            "Columns: Punchline sessions (relay first, then direct); ice4j standard: ice4j's Agents with their own sockets and host/STUN/TURN harvesters, data only "
                    + "after ICE completes, as Jitsi does."})
public final class IceBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--sessions", paramLabel = "N", description = "Measured sessions per case (default 20).")
    int sessions = 20;

    @Option(names = "--warm-up", paramLabel = "N", description = "Unmeasured sessions per case first, so the JVM "
            + "is warm (default 3).")
    int warmUp = 3;

    @Option(names = "--delay", paramLabel = "MS", description = "One-way WAN delay in ms (default 20).")
    int delayMillis = 20;

    @Override
    public Integer call() throws Exception {
        if (sessions < 1 || warmUp < 0 || delayMillis < 0 || delayMillis > 1000) {
            throw new ParameterException(spec.commandLine(), "--sessions >= 1, --warm-up >= 0, --delay 0 to 1000");
        }
        IceBenchmark.containIce4j();
        IceReport report = new IceBenchmark(sessions, warmUp, Duration.ofMillis(delayMillis), System.out).run();
        report.print(System.out);
        return report.complete() ? 0 : 1;
    }
}
