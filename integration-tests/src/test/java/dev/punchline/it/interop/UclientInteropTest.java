package dev.punchline.it.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.punchline.it.support.FreePorts;
import dev.punchline.it.support.ItTimings;
import dev.punchline.it.support.PunchlineRelay;
import dev.punchline.it.support.Requirements;
import dev.punchline.it.support.TurnutilsPeer;
import dev.punchline.it.support.Uclient;
import dev.punchline.it.support.UclientReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * coturn's own client, turnutils_uclient, against our relay ({@code punchline relay}): static and REST credentials,
 * channels and Send indications, UDP and TCP, a hundred sessions each, every message echoed back through the relay.
 *
 * <p>A hundred-session uclient run takes 15 to 25 s whatever the server (LAB.md; {@link ItTimings#UCLIENT_RUN}), so
 * every run starts at once in {@link #startEveryRun()} and each test waits for its own: the class takes about as
 * long as one run instead of ten.
 */
class UclientInteropTest {

    private static final String USER = "alice";
    private static final String PASSWORD = "uclient-pw";
    private static final String SECRET = "uclient-rest-secret";
    /** The issue asks for at least a hundred concurrent sessions per scenario. */
    private static final int SESSIONS = 100;
    private static final int MESSAGES = 10;
    private static final int MESSAGE_LENGTH = 100;
    /** uclient's default is 20 ms; sending faster only shortens each session's tail, the start-up wait dominates. */
    private static final int INTERVAL_MS = 5;
    /**
     * Each run holds about 1.5 allocations per session (uclient adds a probe allocation per RTP/RTCP pair) and RTP
     * takes an even port with the next one reserved; this leaves ample room for ten runs at once.
     */
    private static final int RELAY_PORTS = 3_000;
    private static final int QUOTA = 2_000;

    private static PunchlineRelay relay;
    private static TurnutilsPeer peer;
    private static final Map<String, Uclient> RUNS = new LinkedHashMap<>();

    /** One combination of what the issue asks to cover. */
    record Scenario(boolean rest, boolean sendIndications, boolean tcp) {
        String name() {
            return (rest ? "rest" : "static") + (sendIndications ? "-send" : "-channels") + (tcp ? "-tcp" : "-udp");
        }

        @Override
        public String toString() {
            return (rest ? "REST credentials" : "static credentials") + ", "
                    + (sendIndications ? "Send indications" : "channels") + ", " + (tcp ? "TCP" : "UDP");
        }
    }

    static Stream<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        for (boolean rest : new boolean[] {false, true}) {
            for (boolean send : new boolean[] {false, true}) {
                for (boolean tcp : new boolean[] {false, true}) {
                    all.add(new Scenario(rest, send, tcp));
                }
            }
        }
        return all.stream();
    }

    @BeforeAll
    static void startEveryRun() {
        Requirements.requireCommand("turnutils_uclient", "turnutils_peer");
        FreePorts.PortRange ports = FreePorts.range(RELAY_PORTS);
        relay = PunchlineRelay.start("--user", USER + ":" + PASSWORD, "--auth-secret", SECRET,
                "--relay-ip", "127.0.0.1", "--relay-ip", "::1",
                "--allow-peer", "127.0.0.0/8", "--allow-peer", "::1/128",
                "--quota", String.valueOf(QUOTA), "--ports", ports.min() + "-" + ports.max(),
                // Every run comes from 127.0.0.1 at once: hundreds of TCP connections and thousands of unauthenticated
                // requests in a second from one address, which the per-address limits are there to refuse.
                "--max-connections-per-ip", String.valueOf(QUOTA), "--max-request-rate-per-ip", "0");
        peer = TurnutilsPeer.start("127.0.0.1", "::1");
        scenarios().forEach(scenario -> {
            Uclient.Builder uclient = load().peer("127.0.0.1", peer.port());
            if (scenario.rest()) {
                uclient.restUser(USER, SECRET);
            }
            if (scenario.sendIndications()) {
                uclient.sendIndications();
            }
            if (scenario.tcp()) {
                uclient.tcp();
            }
            RUNS.put(scenario.name(), uclient.start("uclient-" + scenario.name()));
        });
        RUNS.put("client-to-client", load().clientToClient().start("uclient-client-to-client"));
        RUNS.put("ipv6", load().ipv6Relay().peer("::1", peer.port()).start("uclient-ipv6"));
    }

    @AfterAll
    static void stopEverything() {
        RUNS.values().forEach(Uclient::stop);
        if (peer != null) {
            peer.stop();
        }
        if (relay != null) {
            relay.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyMessageComesBackThroughOurRelay(Scenario scenario) {
        assertEveryMessageCameBack(scenario.name());
    }

    /** Two sessions relay to each other's relayed address: the path between two allocations of one server. */
    @Test
    void sessionsPairedThroughTwoOfOurAllocationsLoseNothing() {
        assertEveryMessageCameBack("client-to-client");
    }

    /** IPv6 relayed addresses, RTP/RTCP pairs claiming ports held under a RESERVATION-TOKEN. */
    @Test
    void ipv6RelayedAddressesToAnIpv6PeerLoseNothing() {
        assertEveryMessageCameBack("ipv6");
    }

    /** The load every run carries, with static credentials over UDP through channels until a scenario says else. */
    private static Uclient.Builder load() {
        return Uclient.against(relay.address()).user(USER, PASSWORD).sessions(SESSIONS).messages(MESSAGES)
                .messageLength(MESSAGE_LENGTH).intervalMillis(INTERVAL_MS);
    }

    private static void assertEveryMessageCameBack(String run) {
        Uclient uclient = RUNS.get(run);
        UclientReport report = uclient.awaitReport(ItTimings.UCLIENT_RUN);
        // On failure, ExternalProcessLogs prints uclient's, the peer's and the relay's logs.
        String context = run + ": " + report;
        assertEquals(SESSIONS * MESSAGES, report.sentMessages(), "every session sent all its messages; " + context);
        assertEquals(report.sentMessages(), report.receivedMessages(), context);
        assertEquals(0, report.lostPackets(), context);
        assertEquals((long) SESSIONS * MESSAGES * MESSAGE_LENGTH, report.sentBytes(), context);
        assertEquals(report.sentBytes(), report.receivedBytes(), context);
        assertTrue(report.receivedMessages() > 0 && report.receivedBytes() > 0, context);
    }
}
