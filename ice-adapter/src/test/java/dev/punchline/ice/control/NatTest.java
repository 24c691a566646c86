package dev.punchline.ice.control;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NatTest extends ControlFixture {

    @Test
    void aNatThatRewritesTheSourcePortGivesAPeerReflexiveCandidate() throws Exception {
        TestEndpoint insideA = endpoint();
        TestEndpoint natA = endpoint();
        natA.actAsNatFor(insideA);
        TestEndpoint endpointB = endpoint();
        Recorder a = new Recorder("A");
        Recorder b = new Recorder("B");
        IceController controlling = start(IceControllerConfig.builder(IceRole.CONTROLLING)
                .endpoint(natA.natSenderFor(insideA)).build(), a, insideA);
        IceController controlled = start(config(IceRole.CONTROLLED, endpointB).build(), b, endpointB);
        wire(a, controlling, b, controlled);

        awaitSelected(a, b);
        ValidPair atA = a.lastSelection().pair();
        assertEquals(CandidateKind.PEER_REFLEXIVE, atA.localKind(), "A learnt its mapped address from B's answer");
        assertEquals(natA.address(), atA.localAddress());
        assertEquals(insideA.address(), atA.localBase(), "data still leaves from A's own socket");
        assertTrue(atA.direct());
        ValidPair atB = b.lastSelection().pair();
        assertEquals(natA.address(), atB.remoteAddress());
        assertEquals(CandidateKind.PEER_REFLEXIVE, atB.remoteKind(), "B met A's mapped address in A's checks");

        endpointB.sendApp(new byte[] {7, 7, 7}, atB.remoteAddress());
        assertEquals(3, insideA.nextApp(Duration.ofSeconds(5)).data().length, "through the NAT to A's socket");
    }

    @Test
    void anIpv6LinkLocalEndpointIsNeverOffered() throws Exception {
        TestEndpoint endpoint = endpoint();
        LocalEndpoint linkLocal = new LocalEndpoint(
                new InetSocketAddress(InetAddress.getByName("fe80::1"), 40000), endpoint.sender());
        Recorder a = new Recorder("A");
        IceController controller = start(IceControllerConfig.builder(IceRole.CONTROLLING)
                .endpoint(linkLocal).endpoint(endpoint.local()).build(), a, endpoint);

        Await.until(PATIENCE, () -> !a.gatheringDone.isEmpty(), a::toString);
        assertEquals(List.of(endpoint.address()), a.localCandidates.stream().map(IceCandidate::address).toList());
        assertEquals(List.of(endpoint.address()), controller.localCandidates().stream().map(IceCandidate::address).toList());
    }

    @Test
    void serverReflexiveCandidatesComeFromOurOwnBindingRequestsAndAreTrickled() throws Exception {
        try (LoopbackTurn stun = LoopbackTurn.start()) {
            TestEndpoint insideA = endpoint();
            TestEndpoint natA = endpoint();
            natA.actAsNatFor(insideA);
            Recorder a = new Recorder("A");
            IceController controller = start(IceControllerConfig.builder(IceRole.CONTROLLING)
                    .endpoint(natA.natSenderFor(insideA)).stunServer(stun.address()).build(), a, insideA);

            Await.until(PATIENCE, () -> !a.gatheringDone.isEmpty(), a::toString);
            IceCandidate srflx = a.localCandidates.stream()
                    .filter(c -> c.kind() == CandidateKind.SERVER_REFLEXIVE).findFirst().orElseThrow();
            assertEquals(natA.address(), srflx.address());
            assertEquals(insideA.address(), srflx.relatedAddress());
            assertEquals(controller.localUfrag(), srflx.ufrag());
            assertEquals(CandidateKind.HOST, a.localCandidates.get(0).kind(), "host first, trickled as found");
            assertTrue(controller.localCandidates().contains(srflx));
        }
    }
}
