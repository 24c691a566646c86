package dev.punchline.turn.server.protocol;

import dev.punchline.turn.server.TurnServerConfig;
import dev.punchline.turn.server.allocation.Allocation;
import dev.punchline.turn.server.allocation.AllocationRefused;
import dev.punchline.turn.server.allocation.AllocationRegistry;
import dev.punchline.turn.server.allocation.PortRequest;
import dev.punchline.turn.wire.EvenPort;
import dev.punchline.turn.wire.RequestedAddressFamily;
import dev.punchline.turn.wire.RequestedTransport;
import dev.punchline.turn.wire.ReservationToken;
import dev.punchline.turn.wire.StunMessage;
import dev.punchline.turn.wire.XorAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Allocate (RFC 8656 §7.2). DONT-FRAGMENT is accepted without a socket option: Netty exposes no IP_MTU_DISCOVER, and
 * Linux's default for UDP sockets (IP_PMTUDISC_WANT) already sets DF on every datagram that fits the path MTU.
 */
final class AllocateMethod {

    private static final Logger LOG = LoggerFactory.getLogger(AllocateMethod.class);
    private static final int UDP = 17;
    private static final int FAMILY_IPV4 = 1;
    private static final int FAMILY_IPV6 = 2;

    private final TurnServerConfig config;
    private final AllocationRegistry registry;

    AllocateMethod(TurnServerConfig config, AllocationRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    void handle(Request request) {
        StunMessage message = request.message();
        if (request.allocation() != null) {
            request.fail(437);
            return;
        }
        Optional<RequestedTransport> transport = message.attribute(RequestedTransport.class);
        if (transport.isEmpty()) {
            request.fail(400);
            return;
        }
        if (transport.get().protocol() != UDP) {
            request.fail(442);
            return;
        }
        Optional<EvenPort> evenPort = message.attribute(EvenPort.class);
        Optional<ReservationToken> token = message.attribute(ReservationToken.class);
        Optional<RequestedAddressFamily> family = message.attribute(RequestedAddressFamily.class);
        if (token.isPresent() && (evenPort.isPresent() || family.isPresent())) {
            request.fail(400);
            return;
        }
        int requestedFamily = family.map(RequestedAddressFamily::family).orElse(FAMILY_IPV4);
        if (requestedFamily != FAMILY_IPV4 && requestedFamily != FAMILY_IPV6) {
            request.fail(440);
            return;
        }
        PortRequest ports = token.map(t -> PortRequest.reserved(t.token()))
                .or(() -> evenPort.map(e -> PortRequest.even(e.reserveNext())))
                .orElse(PortRequest.ANY);
        long lifetime = Lifetimes.desiredNanos(message, config);
        if (lifetime == 0) {
            lifetime = config.defaultLifetime().toNanos();
        }
        // A request with a RESERVATION-TOKEN carries no REQUESTED-ADDRESS-FAMILY: the held port's family is the one.
        boolean ipv6 = token.map(t -> registry.isReservedIpv6(t.token())).orElse(requestedFamily == FAMILY_IPV6);
        Allocation allocation;
        try {
            allocation = registry.create(request.link(), request.username(), ipv6, lifetime, ports);
        } catch (AllocationRefused refused) {
            LOG.info("allocation refused: user={} client={} code={} reason={}", request.username(),
                    request.link().clientAddress(), refused.code(), refused.getMessage());
            request.fail(refused.code());
            return;
        }
        byte[] reservation = allocation.reservationToken();
        if (reservation != null) {
            request.succeed(XorAddress.relayed(allocation.relayedAddress()), Lifetimes.attribute(lifetime),
                    new ReservationToken(reservation), XorAddress.mapped(request.link().clientAddress()));
        } else {
            request.succeed(XorAddress.relayed(allocation.relayedAddress()), Lifetimes.attribute(lifetime),
                    XorAddress.mapped(request.link().clientAddress()));
        }
    }
}
