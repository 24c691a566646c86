package dev.punchline.ice.control;

import org.junit.jupiter.api.Test;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Ice4jEnvironmentTest {

    @Test
    void ice4jIsContainedBeforeItsFirstUse() {
        Ice4jEnvironment.ensureReady();
        Ice4jEnvironment.ensureReady(); // idempotent: one handler, not two

        assertEquals("false", System.getProperty("ice4j.harvest.mapping.aws.enabled"));
        Logger ice4j = Logger.getLogger("org.ice4j");
        assertEquals(1, Arrays.stream(ice4j.getHandlers()).filter(h -> h instanceof SLF4JBridgeHandler).count());
        assertFalse(ice4j.getUseParentHandlers(), "ice4j's records must not also reach the root console handler");
        assertFalse(Logger.getLogger("org.ice4j.ice.Agent").isLoggable(Level.INFO));
        assertFalse(Logger.getLogger("JitsiConfig").isLoggable(Level.INFO), "jicoco logs its config under this name");
        assertTrue(Logger.getLogger("org.ice4j.ice.Agent").isLoggable(Level.WARNING));
    }
}
