package dev.punchline.tun.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopologyTest {

    @Test
    void keepsPartsInDeclarationOrder() {
        Topology topology = Topology.builder().publicHost("relay").site("home", NatKind.DOUBLE, "a", "b")
                .site("work", NatKind.SYMMETRIC, "c").build();

        assertEquals(List.of("relay"), topology.publicHosts());
        assertEquals("home", topology.sites().get(0).name());
        assertEquals(List.of("a", "b"), topology.sites().get(0).hosts());
        assertEquals(WanConditions.NONE, topology.wan());
    }

    @Test
    void refusesNamesThatCannotBeNamespacesOrInterfaces() {
        for (String bad : new String[] {"Alice", "1host", "a-b", "elevenchars", "", "inet", "sink"}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> Topology.builder().publicHost(bad).build(), bad);
            assertTrue(error.getMessage().contains("\"" + bad + "\""), error.getMessage());
        }
    }

    @Test
    void refusesADuplicateNameAcrossHostsAndSites() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Topology.builder().publicHost("home").site("home", NatKind.SYMMETRIC, "a").build());

        assertTrue(error.getMessage().contains("home"), error.getMessage());
    }

    @Test
    void refusesASiteWithoutHosts() {
        assertThrows(IllegalArgumentException.class, () -> Topology.builder().site("home", NatKind.DOUBLE));
    }

    @Test
    void wanConditionsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> WanConditions.NONE.withLoss(1.5));
        assertThrows(IllegalArgumentException.class,
                () -> WanConditions.delay(Duration.ofMillis(5)).withJitter(Duration.ofMillis(6)));
    }
}
