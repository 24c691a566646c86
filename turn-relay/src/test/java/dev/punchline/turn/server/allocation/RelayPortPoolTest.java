package dev.punchline.turn.server.allocation;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RelayPortPoolTest {

    @Test
    void handsOutEveryPortOnceThenNone() {
        RelayPortPool pool = new RelayPortPool(50000, 50009);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            assertTrue(seen.add(pool.acquire(false, false)));
        }
        assertEquals(-1, pool.acquire(false, false));
        pool.release(50004);
        assertEquals(50004, pool.acquire(false, false));
    }

    @Test
    void evenPortsAndTheirNeighbours() {
        RelayPortPool pool = new RelayPortPool(50001, 50004);
        int port = pool.acquire(true, true);
        assertEquals(50002, port, "the only even port with a free neighbour in range");
        assertFalse(pool.acquire(50003), "the neighbour is held");
        assertEquals(-1, pool.acquire(true, true), "50004 has no neighbour in range");
        assertEquals(50004, pool.acquire(true, false));
    }

    @Test
    void specificPortsOnlyInRangeAndFree() {
        RelayPortPool pool = new RelayPortPool(50000, 50001);
        assertFalse(pool.acquire(49999));
        assertTrue(pool.acquire(50001));
        assertFalse(pool.acquire(50001));
    }
}
