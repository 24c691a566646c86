package dev.punchline.ice.link;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A NAT rebinding on A's side only: B now sees A at a new address, so B's session gives it a new path, while from
 * A's side the 5-tuple is unchanged and ICE validates it again on the path A already trusts. A's path then echoes
 * data it received before B's new path existed; B must take those frames as the genuine ones they are (they
 * acknowledge nothing on the new path), or the new path never hears A and the session never goes direct again.
 */
class LinkRebindingTest {

    @Test
    void aPathNewOnOneSideOnlyIsConfirmedAndCarriesTheData() {
        int rate = 50;
        SimSession s = SimSession.onDirect();
        s.streamBothWays(rate, Duration.ofSeconds(4));
        s.clock.runFor(Duration.ofSeconds(1));
        assertTrue(s.a.link.statistics().delivered() > 0 && s.b.link.statistics().delivered() > 0);

        // B's end of the direct path moves to a new remote address: a new path for B; A keeps its own.
        LinkPath rebound = new TestPath("b-direct-rebound", PathKind.DIRECT, s.direct.bToA::carry);
        PathHandle fresh = s.b.link.addPath(rebound);
        s.direct.aToB.target = fresh;
        s.direct.handleB.remove();
        fresh.iceValidated(); // B's check on the new 5-tuple; A's, on its trusted path, changes nothing there.
        s.direct.handleA.iceValidated();
        s.clock.runFor(Duration.ofMillis(500));

        assertEquals(PathState.TRUSTED, s.b.stats(rebound).state(), s.b.toString());
        assertEquals(PathState.TRUSTED, s.a.stats(s.direct.a).state(), s.a.toString());
        assertEquals(0, s.b.stats(rebound).forged(), "A's echoes of older data are not forgeries");
        for (SimPeer p : List.of(s.a, s.b)) {
            assertEquals(PathKind.DIRECT, p.currentKind(), p.toString());
        }
        s.clock.runFor(Duration.ofSeconds(3));
        s.assertDeliveredOnceInOrder(4L * rate);
        s.finish();
    }
}
