package dev.punchline.ice.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LifecycleTest extends ControlFixture {

    /** Opens a pair of controllers on fresh sockets, waits until both selected, closes everything. */
    private long session(boolean report) throws Exception {
        try (TestEndpoint endpointA = TestEndpoint.open(group); TestEndpoint endpointB = TestEndpoint.open(group)) {
            Recorder a = new Recorder("A");
            Recorder b = new Recorder("B");
            long started = System.nanoTime();
            IceController controlling = IceController.start(config(IceRole.CONTROLLING, endpointA).build(), a);
            IceController controlled = IceController.start(config(IceRole.CONTROLLED, endpointB).build(), b);
            endpointA.serve(controlling);
            endpointB.serve(controlled);
            wire(a, controlling, b, controlled);
            awaitSelected(a, b);
            long completedMs = (Math.max(a.lastSelection().atNanos(), b.lastSelection().atNanos()) - started) / 1_000_000;
            if (report) {
                int all = Thread.getAllStackTraces().size();
                int ice4jPools = (int) Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> ProcessResources.isIce4jStaticPool(t.getName())).count();
                System.out.printf("warm session: selected in %d ms; threads with two Agents live: %d in all, "
                                + "%d in ice4j's static pools, ours %s%n", completedMs, all, ice4jPools,
                        ProcessResources.threadsNamed("punchline-ice"));
            }
            long closeStarted = System.nanoTime();
            controlling.close();
            controlled.close();
            long closeMs = (System.nanoTime() - closeStarted) / 1_000_000;
            assertTrue(closeMs < 1_000, "close() took " + closeMs + " ms");
            return completedMs;
        }
    }

    @Test
    void afterCloseTheThreadsAndDescriptorsReturnToTheirBaseline() throws Exception {
        session(false); // Warm up: class loading, ice4j's static pools, our socket threads' group.
        Await.until(PATIENCE, () -> ProcessResources.threadsNamed("punchline-ice").isEmpty(),
                () -> "our threads outlived the sessions: " + ProcessResources.threadsNamed("punchline-ice"));
        List<String> baseline = ProcessResources.threadsOutsideIce4jPools();
        long descriptors = ProcessResources.openFileDescriptors();

        long warm = session(true);
        for (int i = 0; i < 3; i++) {
            warm = Math.min(warm, session(false));
        }
        System.out.printf("warm session: best time to both selected %d ms%n", warm);

        // Transient JDK and Netty helpers (GlobalEventExecutor) may come and go; nothing may be added.
        Await.until(Duration.ofSeconds(10), () -> baseline.containsAll(ProcessResources.threadsOutsideIce4jPools()),
                () -> "threads " + ProcessResources.threadsOutsideIce4jPools() + " vs baseline " + baseline);
        Await.until(Duration.ofSeconds(10), () -> ProcessResources.openFileDescriptors() == descriptors,
                () -> ProcessResources.openFileDescriptors() + " descriptors open vs " + descriptors);
        System.out.printf("after close: ice4j's static pool threads still alive: %s%n",
                Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                        .filter(ProcessResources::isIce4jStaticPool).sorted().toList());
    }

    @Test
    void closeIsIdempotentAndQuietAfterwards() throws Exception {
        TestEndpoint endpoint = endpoint();
        Recorder a = new Recorder("A");
        IceController controller = start(config(IceRole.CONTROLLING, endpoint).build(), a, endpoint);
        controller.close();
        controller.close();
        controller.addRemoteCandidate(new IceCandidate("1", 1, endpoint.address(), CandidateKind.HOST, null, null));
        controller.restart();
        assertEquals(StunVerdict.REFUSED, controller.receive(io.netty.buffer.Unpooled.EMPTY_BUFFER, endpoint.address(),
                endpoint.address()));
    }
}
