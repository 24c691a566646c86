package dev.punchline.bench.ice;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs every case's sessions in one lab, Punchline and standard ice4j alternately (so that whatever else the
 * machine does weighs on both alike), and collects what they measured.
 */
final class IceBenchmark {

    /** java.util.logging holds loggers weakly: a configured logger that is collected forgets its level. */
    private static final List<Logger> QUIETED = new ArrayList<>();

    private final int sessions;
    private final int warmUp;
    private final Duration delay;
    private final PrintStream out;

    IceBenchmark(int sessions, int warmUp, Duration delay, PrintStream out) {
        this.sessions = sessions;
        this.warmUp = warmUp;
        this.delay = delay;
        this.out = out;
    }

    /**
     * ice4j reads its configuration once, at the first Agent: no AWS metadata probe over HTTP, IPv4 only (the lab's
     * IPv6 is global behind stateful firewalls, which would give the symmetric-NAT case a direct path), no link-local
     * candidates; and its INFO logging, one line per check, kept out of the benchmark's output.
     */
    static synchronized void containIce4j() {
        System.setProperty("ice4j.harvest.mapping.aws.enabled", "false");
        System.setProperty("ice4j.harvest.use-ipv6", "false");
        System.setProperty("ice4j.harvest.use-link-local-addresses", "false");
        for (String name : List.of("org.ice4j", "org.jitsi", "JitsiConfig")) {
            Logger logger = Logger.getLogger(name);
            logger.setLevel(Level.SEVERE);
            QUIETED.add(logger);
        }
    }

    IceReport run() throws Exception {
        out.printf("ICE benchmark: %d sessions per case and implementation after %d warm-up, %d ms one-way WAN "
                + "delay%n", sessions, warmUp, delay.toMillis());
        try (IceLab lab = IceLab.start(delay)) {
            List<CaseResult> cases = new ArrayList<>();
            cases.add(runCase(lab, lab.direct(), true));
            cases.add(runCase(lab, lab.relayOnly(), false));
            return new IceReport(sessions, delay, cases);
        }
    }

    private CaseResult runCase(IceLab lab, IceLab.PeerPair peers, boolean direct) throws InterruptedException {
        out.println(peers.name() + ":");
        CaseResult result = new CaseResult(peers.name(), new Column("Punchline"), new Column("ice4j standard"));
        InetSocketAddress turn = lab.turnAddress();
        for (int i = -warmUp; i < sessions; i++) {
            String round = i < 0 ? "warm-up " + (i + warmUp + 1) : String.valueOf(i + 1);
            measure(result.punchline(), round, i >= 0, () -> PunchlineSession.run(lab, peers, direct));
            measure(result.ice4j(), round, i >= 0, () -> StandardIce4jSession.run(peers, turn));
        }
        return result;
    }

    private interface SessionRun {
        SessionTimes run() throws Exception;
    }

    private void measure(Column column, String round, boolean counted, SessionRun session)
            throws InterruptedException {
        String label = String.format("  %-15s %-10s", column.name(), round);
        try {
            SessionTimes times = session.run();
            out.printf("%s first packet %4d / %4d ms, direct %s, path %s%s%s%n", label,
                    times.offererToAnswerer().toMillis(), times.answererToOfferer().toMillis(),
                    times.direct().map(d -> d.toMillis() + " ms").orElse("never"), times.path(),
                    times.lost() < 0 ? "" : ", lost " + times.lost() + ", reordered " + times.reordered(),
                    times.fallback().map(f -> ", back on the relay " + f.toMillis() + " ms after a cut (" + times.cutLost()
                            + " lost)").orElse(""));
            if (counted) {
                column.add(times);
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            out.printf("%s failed: %s%n", label, e);
            e.printStackTrace(); // To stderr: where it failed, apart from the table.
            if (counted) {
                column.fail(e.toString());
            }
        }
    }

    /** One case's sessions, both implementations. */
    record CaseResult(String name, Column punchline, Column ice4j) {
    }
}
