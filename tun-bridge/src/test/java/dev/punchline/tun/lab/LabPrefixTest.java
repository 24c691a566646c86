package dev.punchline.tun.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabPrefixTest {

    @Test
    void namesCarryThePidAndTheLabNumber() {
        LabPrefix prefix = new LabPrefix(4242, 3);

        assertEquals("pl4242-3-alice", prefix.namespace("alice"));
        assertEquals(Optional.of(prefix), LabPrefix.of("pl4242-3-alice"));
        assertEquals(Optional.of(prefix), LabPrefix.of("pl4242-3-far-cgn"));
    }

    @Test
    void foreignNamesAreNotOurs() {
        for (String foreign : new String[] {"alice", "plx-1-a", "pl12-a", "pl-12-1-a", "pl12-1-", "xpl12-1-a",
                "pl99999999999999999999-1-a"}) {
            assertTrue(LabPrefix.of(foreign).isEmpty(), foreign);
        }
    }

    @Test
    void aPrefixThisJvmHandedOutIsAliveAndAnUnknownOneOfThisPidIsNot() {
        LabPrefix handedOut = LabPrefix.next();

        assertTrue(handedOut.ownerAlive());
        assertFalse(new LabPrefix(handedOut.pid(), handedOut.number() + 1000).ownerAlive());
    }

    @Test
    void aDeadPidIsDead() {
        Process exited = startAndWait();

        assertFalse(new LabPrefix(exited.pid(), 1).ownerAlive());
        assertTrue(new LabPrefix(ProcessHandle.current().parent().orElseThrow().pid(), 1).ownerAlive());
    }

    private static Process startAndWait() {
        try {
            Process process = new ProcessBuilder("true").start();
            process.waitFor();
            return process;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
