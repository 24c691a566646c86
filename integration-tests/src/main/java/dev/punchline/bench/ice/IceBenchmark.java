package dev.punchline.bench.ice;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Runs the sessions of every case in one lab and collects what they measured. */
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
        out.printf("ICE benchmark: %d sessions per case after %d warm-up, %d ms one-way WAN delay%n", sessions, warmUp,
                delay.toMillis());
        try (IceLab lab = IceLab.start(delay)) {
            List<CaseResult> cases = new ArrayList<>();
            for (IceLab.PeerPair peers : List.of(lab.direct(), lab.relayOnly())) {
                cases.add(runCase(lab, peers));
            }
            return new IceReport(sessions, delay, cases);
        }
    }

    private CaseResult runCase(IceLab lab, IceLab.PeerPair peers) throws InterruptedException {
        out.println(peers.name() + ":");
        List<SessionTimes> measured = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int i = -warmUp; i < sessions; i++) {
            String label = i < 0 ? "  warm-up " + (i + warmUp + 1) : "  ice4j standard " + (i + 1);
            try {
                SessionTimes times = StandardIce4jSession.run(peers, lab.turnAddress());
                out.printf("%-22s first packet %4d ms / %4d ms, direct %s, path %s%n", label,
                        times.offererToAnswerer().toMillis(), times.answererToOfferer().toMillis(),
                        times.direct().map(d -> d.toMillis() + " ms").orElse("never"), times.path());
                if (i >= 0) {
                    measured.add(times);
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                out.printf("%-22s failed: %s%n", label, e);
                if (i >= 0) {
                    failures.add(e.toString());
                }
            }
        }
        return new CaseResult(peers.name(), measured, failures.size());
    }

    /** One case's sessions (ice4j standard). */
    record CaseResult(String name, List<SessionTimes> sessions, int failed) {
    }
}
