package dev.punchline.it.support;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.punchline.tun.process.ExternalProcess;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class CoturnTest {

    private static final BooleanSupplier FOREVER = () -> true;

    @Test
    void startsWithStaticUsersAndARestSecretAndStopsCompletely() {
        Coturn coturn = Coturn.builder().user("alice", "pw").user("bob", "pw2").authSecret("s3cret").start();
        ProcessHandle handle = ProcessHandle.of(coturn.process().pid()).orElseThrow();

        assertTrue(StunProbe.answers(coturn.address(), Duration.ofSeconds(2), FOREVER));
        assertTrue(coturn.process().output().contains("Default realm: test.local"), coturn.process().describe());

        coturn.stop();

        assertFalse(ExternalProcess.running(handle));
        assertFalse(StunProbe.answers(coturn.address(), Duration.ofMillis(300), FOREVER), "still answering after stop");
    }

    @Test
    void twoInstancesRunSideBySide() {
        try (Coturn first = Coturn.builder().user("alice", "pw").start();
                Coturn second = Coturn.builder().user("alice", "pw").start()) {
            assertTrue(StunProbe.answers(first.address(), Duration.ofSeconds(2), FOREVER));
            assertTrue(StunProbe.answers(second.address(), Duration.ofSeconds(2), FOREVER));
        }
    }
}
