package dev.punchline.it.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.punchline.it.support.ItTimings;
import dev.punchline.tun.lab.Lab;
import dev.punchline.tun.lab.NatKind;
import dev.punchline.tun.lab.Topology;
import dev.punchline.tun.lab.WanConditions;
import dev.punchline.tun.lab.WanStats;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The user-space WAN emulator in the internet router: delay as configured at build time, loss, run-time changes. */
class WanEmulatorTest {

    /**
     * Pings go out this far apart, not one after the other: a 40 ms round trip each would make 200 of them take 8 s.
     * Ten or so in flight at once keep the emulator, the echo and the JVM's threads light on two cores.
     */
    private static final Duration PING_SPACING = Duration.ofMillis(4);
    private static final WanConditions TWENTY_MS = WanConditions.delay(Duration.ofMillis(20));

    @RegisterExtension
    static final LabExtension LAB = LabExtension.of(Topology.builder()
            .publicHost("server")
            .site("home", NatKind.PORT_RESTRICTED, "alice")
            .wan(TWENTY_MS)
            .build());

    @AfterEach
    void backToTheBuiltConditions() {
        LAB.lab().wan().set(TWENTY_MS);
    }

    @Test
    void twentyMillisecondsOneWayMakeAFortyMillisecondRoundTrip(Lab lab) throws Exception {
        RoundTrips rtt = pings(lab, 200);

        System.out.println("WAN 20 ms one way: " + rtt);
        assertEquals(200, rtt.count(), rtt.toString());
        double p50 = rtt.percentile(50).toNanos() / 1e6;
        assertTrue(p50 >= 38 && p50 <= 42, rtt.toString());
    }

    @Test
    void conditionsChangeAtRunTime(Lab lab) throws Exception {
        lab.wan().set(WanConditions.delay(Duration.ofMillis(5)));

        RoundTrips rtt = pings(lab, 50);

        double p50 = rtt.percentile(50).toNanos() / 1e6;
        assertTrue(p50 >= 9 && p50 <= 12, rtt.toString());
    }

    @Test
    void jitterSpreadsTheRoundTripsWithinItsBounds(Lab lab) throws Exception {
        lab.wan().set(WanConditions.delay(Duration.ofMillis(10)).withJitter(Duration.ofMillis(5)));

        RoundTrips rtt = pings(lab, 100);

        double fastest = rtt.percentile(0).toNanos() / 1e6;
        double slowest = rtt.percentile(100).toNanos() / 1e6;
        assertTrue(fastest >= 10 && slowest <= 32, rtt.toString());
        assertTrue(slowest - fastest >= 5, "jitter barely showed: " + rtt);
    }

    @Test
    void onePercentLossLosesAboutOnePercentOfTenThousandPackets(Lab lab) throws Exception {
        lab.wan().set(WanConditions.NONE.withLoss(0.01));
        UdpEcho sink = UdpEcho.countingOnly(lab.host("server").openUdpSocket(0));
        DatagramSocket alice = lab.host("alice").openUdpSocket(0);
        InetSocketAddress target = new InetSocketAddress(lab.host("server").address(), sink.port());
        WanStats before = lab.wan().stats();

        byte[] payload = new byte[32];
        for (int i = 0; i < 10_000; i++) {
            alice.send(new DatagramPacket(payload, payload.length, target));
            if (i % 10 == 9) {
                // Under 10,000 packets per second: a burst of ten fits every queue on the way (socket buffers hold
                // a few hundred), so only the emulator loses packets, even on a busy 2-core machine.
                LockSupport.parkNanos(1_000_000);
            }
        }
        long received = awaitQuiet(sink);

        WanStats after = lab.wan().stats();
        long lost = 10_000 - received;
        String report = lost + " of 10000 lost; emulator " + after + "; UDP receive-buffer drops on the server: "
                + UdpCounters.receiveBufferErrors(lab.host("server"));
        System.out.println("WAN 1 % loss: " + report);
        assertTrue(lost >= 50 && lost <= 150, report);
        assertEquals(0, after.overflowed() - before.overflowed(), "the emulator's queue overflowed");
        assertTrue(after.dropped() - before.dropped() >= lost, "every loss was the emulator's choice: " + after);
    }

    private static RoundTrips pings(Lab lab, int count) throws Exception {
        UdpEcho echo = UdpEcho.on(lab.host("server").openUdpSocket(0));
        DatagramSocket alice = lab.host("alice").openUdpSocket(0);
        return RoundTrips.measure(alice, new InetSocketAddress(lab.host("server").address(), echo.port()), count,
                PING_SPACING);
    }

    /** What the echo has received once nothing more arrives for {@link ItTimings#QUIET}. */
    private static long awaitQuiet(UdpEcho echo) throws InterruptedException {
        long last = -1;
        while (echo.received() != last) {
            last = echo.received();
            Thread.sleep(ItTimings.QUIET.toMillis());
        }
        return last;
    }
}
