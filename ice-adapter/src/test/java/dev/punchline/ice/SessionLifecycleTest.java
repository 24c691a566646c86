package dev.punchline.ice;

import dev.punchline.turn.server.TurnServer;

import dev.punchline.ice.control.ProcessResources;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** close() gives back every thread and socket a session took (ice4j's static pools, warmed up first, aside). */
@Timeout(60)
class SessionLifecycleTest {

    @Test
    void closeReleasesThreadsAndSockets() throws Exception {
        try (TurnServer turn = SessionFixture.relay(null)) {
            try (Pair warmUp = new Pair(b -> b, turn).connect()) {
                RelayFirstSessionTest.await(() -> warmUp.a.session.currentPath() != null, Duration.ofSeconds(5));
            }
            List<String> baseline = ProcessResources.threadsOutsideIce4jPools();
            long fdsBefore = ProcessResources.openFileDescriptors();
            for (int i = 0; i < 3; i++) {
                try (Pair pair = new Pair(b -> b, turn).connect()) {
                    pair.a.sendNext();
                    RelayFirstSessionTest.await(() -> !pair.b.received.isEmpty(), Duration.ofSeconds(5));
                }
            }
            // Transient JDK and Netty helpers may come and go; nothing may be added (ice4j's static pools aside).
            try {
                RelayFirstSessionTest.await(() -> baseline.containsAll(ProcessResources.threadsOutsideIce4jPools())
                        && ProcessResources.openFileDescriptors() <= fdsBefore, Duration.ofSeconds(10));
            } catch (AssertionError e) {
                List<String> added = ProcessResources.threadsOutsideIce4jPools().stream()
                        .filter(name -> !baseline.contains(name)).toList();
                throw new AssertionError("after close: threads added " + added + ", open files " + fdsBefore
                        + " -> " + ProcessResources.openFileDescriptors(), e);
            }
            System.out.println("after 3 session pairs closed: threads outside ice4j's static pools back to "
                    + ProcessResources.threadsOutsideIce4jPools().size() + ", open files " + fdsBefore + " -> "
                    + ProcessResources.openFileDescriptors());
        }
    }
}
