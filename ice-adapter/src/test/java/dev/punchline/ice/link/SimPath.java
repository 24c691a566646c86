package dev.punchline.ice.link;

import java.time.Duration;

/** A simulated path between peers A and B: each side's LinkPath, and the two wires between them. */
final class SimPath {
    final SimWire aToB;
    final SimWire bToA;
    final LinkPath a;
    final LinkPath b;
    PathHandle handleA;
    PathHandle handleB;

    SimPath(VirtualScheduler scheduler, String id, PathKind kind, Duration aToBDelay, Duration bToADelay) {
        aToB = new SimWire(scheduler, aToBDelay, id.hashCode());
        bToA = new SimWire(scheduler, bToADelay, ~id.hashCode());
        a = new TestPath("a-" + id, kind, aToB::carry);
        b = new TestPath("b-" + id, kind, bToA::carry);
    }

    static SimPath symmetric(VirtualScheduler scheduler, String id, PathKind kind, Duration oneWay) {
        return new SimPath(scheduler, id, kind, oneWay, oneWay);
    }

    /** Adds the path to both Links and wires each side's handle to the other side's sends. */
    SimPath join(Link linkA, Link linkB) {
        return joinA(linkA).joinB(linkB);
    }

    /** A's side only: what A sends on it is dropped until {@link #joinB}, as a session drops frames on a path it has not added. */
    SimPath joinA(Link linkA) {
        handleA = linkA.addPath(a);
        bToA.target = handleA;
        return this;
    }

    SimPath joinB(Link linkB) {
        handleB = linkB.addPath(b);
        aToB.target = handleB;
        return this;
    }

    /** What the session does when ICE validates the pair on each side. */
    void iceValidated() {
        handleA.iceValidated();
        handleB.iceValidated();
    }

    void cut(boolean both) {
        aToB.cut(both);
        bToA.cut(both);
    }
}
