package dev.punchline.turn.server.protocol;

import dev.punchline.turn.server.TurnServerConfig;
import dev.punchline.turn.server.allocation.Allocation;
import dev.punchline.turn.server.metrics.DeletionReason;
import dev.punchline.turn.wire.RequestedAddressFamily;

import java.util.Optional;

/** Refresh (RFC 8656 §7.3): a new lifetime, or deletion with LIFETIME 0. */
final class RefreshMethod {

    private static final int FAMILY_IPV6 = 2;

    private final TurnServerConfig config;

    RefreshMethod(TurnServerConfig config) {
        this.config = config;
    }

    void handle(Request request) {
        Allocation allocation = request.requireAllocation();
        if (allocation == null) {
            return;
        }
        Optional<RequestedAddressFamily> family = request.message().attribute(RequestedAddressFamily.class);
        if (family.isPresent() && (family.get().family() == FAMILY_IPV6) != allocation.isIpv6()) {
            request.fail(443);
            return;
        }
        long lifetime = Lifetimes.desiredNanos(request.message(), config);
        if (lifetime == 0) {
            allocation.close(DeletionReason.REFRESH_0);
        } else {
            allocation.refresh(lifetime);
        }
        request.succeed(Lifetimes.attribute(lifetime));
    }
}
