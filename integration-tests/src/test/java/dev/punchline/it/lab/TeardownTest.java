package dev.punchline.it.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.punchline.it.support.ItTimings;
import dev.punchline.tun.lab.Lab;
import dev.punchline.tun.lab.LabPrefix;
import dev.punchline.tun.lab.NatKind;
import dev.punchline.tun.lab.StaleLabSweep;
import dev.punchline.tun.lab.Topology;
import dev.punchline.tun.process.ExternalProcess;
import java.net.DatagramSocket;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A lab leaves nothing behind: not when closed, not when a test fails inside it, not when its JVM is interrupted
 * (shutdown hook), and what a killed JVM left is removed by the next run's sweep, which spares live labs.
 */
class TeardownTest {

    private static final Topology TOPOLOGY = Topology.builder()
            .publicHost("server")
            .site("home", NatKind.PORT_RESTRICTED, "alice")
            .site("far", NatKind.DOUBLE, "dora")
            .build();
    /** {@link LabChild}'s lab: internet, sink, server, home's router and alice. */
    private static final int CHILD_NAMESPACES = 5;
    private static final Pattern READY = Pattern.compile("ready (pl\\d+-\\d+-) (\\d+)");

    private MachineState before;

    @BeforeAll
    static void requireLab() {
        LabExtension.requireLab();
    }

    @BeforeEach
    void captureTheMachine() {
        before = MachineState.capture();
    }

    @Test
    void closingRemovesNamespacesProcessesThreadsAndSockets() throws Exception {
        Lab lab = Lab.build(TOPOLOGY);
        String prefix = lab.prefix().toString();
        ExternalProcess sleeper = lab.host("alice").start("sleeper", "sleep", "600");
        DatagramSocket socket = lab.host("dora").openUdpSocket(0);
        Set<Long> inodes = inodes(lab);
        assertEquals(8, MachineState.namespaces(prefix).size());
        assertFalse(MachineState.threads(prefix).isEmpty(), "namespace and WAN threads run while the lab is up");

        long started = System.nanoTime();
        lab.close();
        System.out.println("lab of " + lab.namespaces().size() + " namespaces built in " + lab.buildTime().toMillis()
                + " ms, torn down in " + (System.nanoTime() - started) / 1_000_000 + " ms");

        assertNothingLeft(prefix, inodes);
        assertFalse(running(sleeper.pid()), "the program on alice survived");
        assertTrue(socket.isClosed());
    }

    @Test
    void aTestFailingInsideTheLabLeavesNothing() throws Exception {
        AtomicReference<String> prefix = new AtomicReference<>();
        Set<Long> inodes = new HashSet<>();
        AtomicReference<ExternalProcess> sleeper = new AtomicReference<>();

        AssertionError failure = assertThrows(AssertionError.class, () -> {
            try (Lab lab = Lab.build(TOPOLOGY)) {
                prefix.set(lab.prefix().toString());
                inodes.addAll(inodes(lab));
                sleeper.set(lab.host("alice").start("sleeper", "sleep", "600"));
                fail("on purpose, inside the lab");
            }
        });

        assertEquals("on purpose, inside the lab", failure.getMessage());
        assertNothingLeft(prefix.get(), inodes);
        assertFalse(running(sleeper.get().pid()), "the program on alice survived");
    }

    @Test
    void anInterruptedBuildTearsItsLabDownOnTheWayOut() throws Exception {
        try (ExternalProcess child = startChild()) {
            MatchResult ready = child.waitForOutput(READY, ItTimings.JVM_START);
            assertEquals(CHILD_NAMESPACES, MachineState.namespaces(ready.group(1)).size(), child.describe());

            ProcessHandle.of(child.pid()).orElseThrow().destroy();
            child.waitForExit(ItTimings.JVM_START);

            assertEquals(List.of(), MachineState.namespaces(ready.group(1)), child.describe());
            assertFalse(running(Long.parseLong(ready.group(2))), "the program on alice survived");
            assertEquals(before, MachineState.capture());
        }
    }

    @Test
    void whatAKilledRunLeftIsSweptAndLiveLabsAreSpared() throws Exception {
        try (Lab live = Lab.build(TOPOLOGY); ExternalProcess child = startChild()) {
            MatchResult ready = child.waitForOutput(READY, ItTimings.JVM_START);
            ProcessHandle.of(child.pid()).orElseThrow().destroyForcibly();
            child.waitForExit(ItTimings.JVM_START);
            String stalePrefix = ready.group(1);
            long orphan = Long.parseLong(ready.group(2));
            assertEquals(CHILD_NAMESPACES, MachineState.namespaces(stalePrefix).size(),
                    "SIGKILL gives no chance to clean up");
            assertTrue(running(orphan), "SIGKILL left the program on alice running");

            List<String> swept = StaleLabSweep.sweep();

            assertEquals(CHILD_NAMESPACES, swept.stream().filter(name -> name.startsWith(stalePrefix)).count(),
                    "swept " + swept);
            assertEquals(List.of(), MachineState.namespaces(stalePrefix));
            assertFalse(running(orphan), "the sweep kills what ran in a stale namespace");
            assertEquals(Set.copyOf(live.namespaces()), Set.copyOf(MachineState.namespaces(live.prefix().toString())),
                    "a live lab is not stale");
            assertTrue(LabPrefix.of(live.namespaces().get(0)).orElseThrow().ownerAlive());
        }
        assertEquals(before, MachineState.capture());
    }

    @Test
    void aKeptLabStaysUpAndItsHintRemovesIt() throws Exception {
        Lab lab = Lab.build(TOPOLOGY);
        String prefix = lab.prefix().toString();
        try {
            String hint = lab.keep();

            assertTrue(hint.contains("ip netns exec " + prefix + "server bash"), hint);
            assertEquals(8, MachineState.namespaces(prefix).size());
            String remove = hint.lines().filter(line -> line.contains("remove it:")).findFirst().orElseThrow()
                    .replaceFirst(".*remove it:\\s*", "");
            assertEquals(0, new ProcessBuilder("bash", "-c", remove).inheritIO().start().waitFor(), remove);
            assertEquals(List.of(), MachineState.namespaces(prefix));
        } finally {
            lab.close();
        }
        assertEquals(before, MachineState.capture());
    }

    private void assertNothingLeft(String prefix, Set<Long> inodes) throws Exception {
        assertEquals(List.of(), MachineState.namespaces(prefix), "namespaces");
        assertEquals(List.of(), MachineState.threads(prefix), "threads");
        assertEquals(List.of(), MachineState.tasksIn(inodes), "tasks still inside the lab's namespaces");
        assertEquals(before, MachineState.capture(), "the machine's own network configuration changed");
    }

    private static Set<Long> inodes(Lab lab) throws Exception {
        Set<Long> inodes = new HashSet<>();
        for (String namespace : lab.namespaces()) {
            inodes.add(MachineState.inode(namespace));
        }
        return inodes;
    }

    private static ExternalProcess startChild() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return ExternalProcess.start("lab-child", java, "-cp", System.getProperty("java.class.path"),
                LabChild.class.getName());
    }

    private static boolean running(long pid) {
        return ProcessHandle.of(pid).map(ExternalProcess::running).orElse(false);
    }
}
