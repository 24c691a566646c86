package dev.punchline.turn.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.punchline.turn.wire.AlternateServer;
import dev.punchline.turn.wire.AttributeType;
import dev.punchline.turn.wire.Lifetime;
import dev.punchline.turn.wire.Nonce;
import dev.punchline.turn.wire.Realm;
import dev.punchline.turn.wire.StunMethod;
import dev.punchline.turn.wire.UnknownAttributes;
import dev.punchline.turn.wire.Username;
import dev.punchline.turn.wire.XorAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client's answers to server behaviour that real servers show only now and then. */
class ScriptedServerTest {
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void dontFragmentIsDroppedWhenTheServerDoesNotKnowIt() throws Exception {
        ScriptedTurnServer server = keep(new ScriptedTurnServer(request -> ScriptedTurnServer.asksForDontFragment(request)
                ? request.error(420, "Unknown Attribute", new UnknownAttributes(new int[]{AttributeType.DONT_FRAGMENT}))
                : request.allocated(600)));

        TurnAllocation allocation = allocate(server.clientConfig());

        assertEquals(ScriptedTurnServer.RELAYED, allocation.relayedAddress());
        List<ScriptedTurnServer.Request> signed = server.requests(StunMethod.ALLOCATE).stream()
                .filter(ScriptedTurnServer.Request::signed).toList();
        assertEquals(2, signed.size());
        assertTrue(ScriptedTurnServer.asksForDontFragment(signed.get(0)));
        assertFalse(ScriptedTurnServer.asksForDontFragment(signed.get(1)));
    }

    @Test
    void aRedirectNamesTheAlternateServer() throws Exception {
        InetSocketAddress alternate = new InetSocketAddress(TestAddresses.of("192.0.2.10"), 3478);
        ScriptedTurnServer server = keep(new ScriptedTurnServer(request -> request.error(300, "Try Alternate",
                new AlternateServer(alternate))));
        TurnClient client = keep(TurnClient.create(server.clientConfig().build()));

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> client.allocate().get(10, TimeUnit.SECONDS));

        TurnErrorResponseException error = assertInstanceOf(TurnErrorResponseException.class, failure.getCause());
        assertEquals(300, error.code());
        assertTrue(error.getMessage().contains(alternate.toString()), error.getMessage());
    }

    @Test
    void aForgedUnsignedSuccessIsIgnored() throws Exception {
        AtomicInteger answered = new AtomicInteger();
        XorAddress forged = XorAddress.relayed(ScriptedTurnServer.RELAYED);
        ScriptedTurnServer server = keep(new ScriptedTurnServer(request -> answered.incrementAndGet() == 1
                ? request.unsignedSuccess(XorAddress.relayed(new InetSocketAddress(
                        TestAddresses.of("192.0.2.66"), 6666)), new Lifetime(600))
                : request.success(forged, new Lifetime(600))));

        TurnAllocation allocation = allocate(server.clientConfig()
                .retransmission(RetransmissionPolicy.withInitialRto(Duration.ofMillis(50))));

        assertEquals(ScriptedTurnServer.RELAYED, allocation.relayedAddress(),
                "the relayed address came from the signed answer to the retransmission");
    }

    @Test
    void staleNonceAnswersAreFollowedOnlyAFewTimes() throws Exception {
        AtomicInteger nonces = new AtomicInteger();
        ScriptedTurnServer server = keep(new ScriptedTurnServer(request -> request.error(438, "Stale Nonce",
                new Realm(ScriptedTurnServer.REALM), new Nonce("fresh-" + nonces.incrementAndGet()))));
        TurnClient client = keep(TurnClient.create(server.clientConfig().build()));

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> client.allocate().get(10, TimeUnit.SECONDS));

        TurnErrorResponseException error = assertInstanceOf(TurnErrorResponseException.class, failure.getCause());
        assertEquals(438, error.code());
        assertEquals(4, server.requests(StunMethod.ALLOCATE).size(), "one unsigned, then three more nonces at most");
        assertEquals("fresh-2", server.requests(StunMethod.ALLOCATE).get(3).attribute(Nonce.class)
                .orElseThrow().nonce(), "each retry signs with the nonce the last 438 brought");
    }

    @Test
    void refreshErrorsAreRetriedWithBackoffUntilTheLifetimeRunsOut() throws Exception {
        ScriptedTurnServer server = keep(new ScriptedTurnServer(request -> request.method() == StunMethod.ALLOCATE
                ? request.allocated(4) : request.error(500, "Server Error")));
        TurnAllocation allocation = allocate(server.clientConfig());
        CompletableFuture<AllocationLoss> lost = new CompletableFuture<>();
        allocation.onLost(lost::complete);
        long allocated = System.nanoTime();

        AllocationLoss loss = lost.get(10, TimeUnit.SECONDS);

        long afterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - allocated);
        assertEquals(AllocationLoss.Cause.EXPIRED, loss.cause(), loss.toString());
        assertTrue(loss.detail().contains("500"), loss.detail());
        assertTrue(afterMillis > 3_500 && afterMillis < 6_000, "lost " + afterMillis + " ms after a 4 s allocation");
        int refreshes = server.requests(StunMethod.REFRESH).size();
        assertTrue(refreshes >= 2 && refreshes <= 4, refreshes + " refreshes between 2 s and 4 s");
    }

    @Test
    void restCredentialsCarryTheirExpiryInTheUsername() throws Exception {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        ScriptedTurnServer server = keep(new ScriptedTurnServer(request -> request.allocated(600)));
        TurnClientConfig config = server.clientConfig()
                .restCredentials("carol", "secret")
                .restCredentialTtl(Duration.ofHours(2))
                .clock(Clock.fixed(now, ZoneOffset.UTC))
                .build();
        TurnClient client = keep(TurnClient.create(config));

        client.allocate();

        long expiry = now.plus(Duration.ofHours(2)).getEpochSecond();
        awaitRequests(server, 2);
        assertEquals(expiry + ":carol", server.requests().get(1).attribute(Username.class).orElseThrow().name());
    }

    private static void awaitRequests(ScriptedTurnServer server, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.requests().size() < count) {
            assertTrue(System.nanoTime() - deadline < 0, "only " + server.requests().size() + " requests arrived");
            Thread.sleep(10);
        }
    }

    private TurnAllocation allocate(TurnClientConfig.Builder config) throws Exception {
        return keep(TurnClient.create(config.build())).allocate().get(10, TimeUnit.SECONDS);
    }

    private <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }
}
