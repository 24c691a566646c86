package dev.punchline.ice.control;

import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Run in a JVM of its own by {@link ForkedJvmTest}: one session between two controllers that completes,
 * then, with "consent", the path is cut and restored; the session closes and main returns. It prints what
 * happened, one line each, for the parent to check.
 */
public final class ForkedSession {

    private ForkedSession() {
    }

    public static void main(String[] args) throws Exception {
        boolean consent = args.length > 0 && args[0].equals("consent");
        if (consent) {
            // Before ice4j reads its configuration: consent checks every 500 ms, lost after 3 unanswered.
            System.setProperty("ice4j.consent-freshness.interval", "500 milliseconds");
            System.setProperty("ice4j.consent-freshness.randomize-interval", "false");
            System.setProperty("ice4j.consent-freshness.max-retransmissions", "3");
        }
        // The application's sockets, on daemon threads it keeps for its life: shutting a Netty group down would
        // start Netty's own non-daemon GlobalEventExecutor thread for a second, which is not ours to measure.
        NioEventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("forked-udp", true));
        try (TestEndpoint endpointA = TestEndpoint.open(group); TestEndpoint endpointB = TestEndpoint.open(group)) {
            Recorder a = new Recorder("A");
            Recorder b = new Recorder("B");
            IceController controlling = IceController.start(ControlFixture.config(IceRole.CONTROLLING, endpointA)
                    .build(), a);
            IceController controlled = IceController.start(ControlFixture.config(IceRole.CONTROLLED, endpointB)
                    .build(), b);
            endpointA.serve(controlling);
            endpointB.serve(controlled);
            ControlFixture.wire(a, controlling, b, controlled);
            ControlFixture.awaitSelected(a, b);
            System.out.println("selected");
            if (consent) {
                cutAndRestore(a, endpointA, endpointB);
            }
            controlling.close();
            controlled.close();
        }
        System.out.println("closed");
        System.out.println("non-daemon threads left: " + Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !t.isDaemon() && t != Thread.currentThread()).map(Thread::getName).toList());
    }

    private static void cutAndRestore(Recorder a, TestEndpoint endpointA, TestEndpoint endpointB) {
        long cut = System.nanoTime();
        endpointA.dropFrom(from -> true);
        endpointB.dropFrom(from -> true);
        Await.until(ControlFixture.PATIENCE, () -> !a.consentLost.isEmpty(), a::toString);
        System.out.printf("consent lost %d ms after the cut: %s%n", (System.nanoTime() - cut) / 1_000_000,
                a.consentLost.get(0).equals(a.lastSelection().pair()) ? "the selected pair" : "another pair");
        long restored = System.nanoTime();
        endpointA.dropFrom(from -> false);
        endpointB.dropFrom(from -> false);
        Await.until(ControlFixture.PATIENCE, () -> !a.consentRestored.isEmpty(), a::toString);
        System.out.printf("consent restored %d ms after the path came back%n", (System.nanoTime() - restored) / 1_000_000);
        System.out.println("selections " + a.selections.size());
    }
}
