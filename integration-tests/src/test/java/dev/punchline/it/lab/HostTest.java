package dev.punchline.it.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.punchline.it.support.ItTimings;
import dev.punchline.tun.lab.Host;
import dev.punchline.tun.lab.Lab;
import dev.punchline.tun.lab.NatKind;
import dev.punchline.tun.lab.Topology;
import dev.punchline.tun.process.ExternalProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Running code on a lab host: a program, a JVM, a task on the host's thread, threads of its own. */
class HostTest {

    @RegisterExtension
    static final LabExtension LAB = LabExtension.of(Topology.builder()
            .publicHost("server")
            .site("home", NatKind.PORT_RESTRICTED, "alice")
            .build());

    @Test
    void aProgramRunsInTheHostsNamespaceWithItsOutputCaptured(Lab lab) {
        Host alice = lab.host("alice");
        try (ExternalProcess ip = alice.start("addresses", "ip", "-o", "address", "show", "dev", "eth0")) {
            assertEquals(0, ip.waitForExit(ItTimings.JVM_START), ip.describe());
            assertTrue(ip.output().contains(alice.address().getHostAddress() + "/24"), ip.describe());
            assertTrue(ip.logFile().getFileName().toString().startsWith("alice-addresses-"), ip.logFile().toString());
        }
    }

    @Test
    void aJvmWithThisClassPathRunsOnTheHost(Lab lab) {
        Host alice = lab.host("alice");
        try (ExternalProcess jvm = alice.startJava("interfaces", HostInterfaces.class.getName())) {
            jvm.waitForOutput(Pattern.compile("done"), ItTimings.JVM_START);
            assertTrue(jvm.output().contains("eth0 " + alice.address().getHostAddress()), jvm.describe());
            assertFalse(jvm.output().contains(lab.host("server").address().getHostAddress()), jvm.describe());
        }
    }

    @Test
    void tasksAndTheThreadsOfItsFactoryRunInTheHostsNamespace(Lab lab) throws Exception {
        Host alice = lab.host("alice");
        long aliceNamespace = MachineState.inode(alice.namespace());

        assertEquals(aliceNamespace, alice.runInNamespace(HostTest::currentThreadsNamespace));
        ThreadFactory factory = alice.threadFactory("worker");
        CompletableFuture<Long> seen = new CompletableFuture<>();
        Thread worker = factory.newThread(() -> seen.complete(uncheckedNamespace()));
        worker.start();
        assertEquals(aliceNamespace, seen.get());
        assertTrue(worker.getName().startsWith(alice.namespace()), worker.getName());
        assertTrue(currentThreadsNamespace() != aliceNamespace, "the caller's own thread never moves");
    }

    private static long currentThreadsNamespace() throws Exception {
        String link = Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString();
        return Long.parseLong(link.substring(link.indexOf('[') + 1, link.length() - 1));
    }

    private static long uncheckedNamespace() {
        try {
            return currentThreadsNamespace();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
