package dev.punchline.ice;

import dev.punchline.ice.control.IceRole;
import dev.punchline.ice.control.IceTuning;
import dev.punchline.ice.link.LinkConfig;
import dev.punchline.turn.client.RetransmissionPolicy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Session} runs on and how. Immutable; made with {@link #builder(IceRole)}.
 *
 * <pre>{@code
 * SessionConfig config = SessionConfig.builder(IceRole.CONTROLLING)
 *         .bind(new InetSocketAddress("192.168.1.20", 0))        // concrete addresses, one UDP socket each
 *         .relay(RelayServer.udp(turnAddress, "user", "pass"))   // several: see relaySelection
 *         .stunServer(stunAddress)
 *         .build();
 * }</pre>
 */
public final class SessionConfig {

    private final IceRole role;
    private final List<InetSocketAddress> bindAddresses;
    private final List<RelayServer> relays;
    private final List<InetSocketAddress> stunServers;
    private final RelaySelection relaySelection;
    private final IceTransportPolicy transportPolicy;
    private final boolean offerPunchline;
    private final LinkConfig linkConfig;
    private final IceTuning iceTuning;
    private final Duration relayTimeout;
    private final RetransmissionPolicy turnRetransmission;

    private SessionConfig(Builder b) {
        role = b.role;
        bindAddresses = List.copyOf(b.bindAddresses);
        relays = List.copyOf(b.relays);
        stunServers = List.copyOf(b.stunServers);
        relaySelection = b.relaySelection;
        transportPolicy = b.transportPolicy;
        offerPunchline = b.offerPunchline;
        linkConfig = b.linkConfig;
        iceTuning = b.iceTuning;
        relayTimeout = b.relayTimeout;
        turnRetransmission = b.turnRetransmission;
    }

    public static Builder builder(IceRole role) {
        return new Builder(role);
    }

    /** The ICE role: the offerer is usually CONTROLLING. */
    public IceRole role() {
        return role;
    }

    /** The local addresses a UDP socket is bound to, one each (concrete, never the wildcard; port 0 picks one). */
    public List<InetSocketAddress> bindAddresses() {
        return bindAddresses;
    }

    /** The TURN servers, in the configured order. */
    public List<RelayServer> relays() {
        return relays;
    }

    /** STUN servers for server-reflexive candidates (UDP relays are asked too). */
    public List<InetSocketAddress> stunServers() {
        return stunServers;
    }

    public RelaySelection relaySelection() {
        return relaySelection;
    }

    public IceTransportPolicy transportPolicy() {
        return transportPolicy;
    }

    /**
     * Whether our description offers Punchline framing ({@code a=ice-options:punchline}). Framing is used only
     * when both sides offer it; without it packets go bare and nothing is sent before a check succeeded.
     */
    public boolean offerPunchline() {
        return offerPunchline;
    }

    /** The Link's timings and sizes, including the unconsented send rate ({@link LinkConfig#unconsentedBytesPerSecond()}). */
    public LinkConfig linkConfig() {
        return linkConfig;
    }

    /** The ICE control plane's timing knobs: relay nomination deadline, re-probe intervals. */
    public IceTuning iceTuning() {
        return iceTuning;
    }

    /** See {@link IceTimings#RELAY_SETUP_TIMEOUT}. */
    public Duration relayTimeout() {
        return relayTimeout;
    }

    /**
     * How the TURN client retransmits (RFC 8489's by default): with it, how soon a dead relay is noticed at the
     * allocation's next refresh.
     */
    public RetransmissionPolicy turnRetransmission() {
        return turnRetransmission;
    }

    public static final class Builder {
        private final IceRole role;
        private final List<InetSocketAddress> bindAddresses = new ArrayList<>();
        private final List<RelayServer> relays = new ArrayList<>();
        private final List<InetSocketAddress> stunServers = new ArrayList<>();
        private RelaySelection relaySelection = RelaySelection.IN_ORDER;
        private IceTransportPolicy transportPolicy = IceTransportPolicy.ALL;
        private boolean offerPunchline = true;
        private LinkConfig linkConfig = LinkConfig.defaults();
        private IceTuning iceTuning = IceTuning.DEFAULTS;
        private Duration relayTimeout = IceTimings.RELAY_SETUP_TIMEOUT;
        private RetransmissionPolicy turnRetransmission = RetransmissionPolicy.rfc8489();

        private Builder(IceRole role) {
            this.role = Objects.requireNonNull(role, "role");
        }

        public Builder bind(InetSocketAddress local) {
            bindAddresses.add(Objects.requireNonNull(local, "bind"));
            return this;
        }

        public Builder relay(RelayServer relay) {
            relays.add(Objects.requireNonNull(relay, "relay"));
            return this;
        }

        public Builder stunServer(InetSocketAddress server) {
            stunServers.add(Objects.requireNonNull(server, "stunServer"));
            return this;
        }

        public Builder relaySelection(RelaySelection v) {
            relaySelection = Objects.requireNonNull(v, "relaySelection");
            return this;
        }

        public Builder transportPolicy(IceTransportPolicy v) {
            transportPolicy = Objects.requireNonNull(v, "transportPolicy");
            return this;
        }

        public Builder offerPunchline(boolean v) {
            offerPunchline = v;
            return this;
        }

        /**
         * The Link's knobs; among them the unconsented send rate
         * ({@code LinkConfig.builder().unconsentedRate(bytesPerSecond, burstBytes)}).
         */
        public Builder linkConfig(LinkConfig v) {
            linkConfig = Objects.requireNonNull(v, "linkConfig");
            return this;
        }

        public Builder relayNominationDeadline(Duration v) {
            iceTuning = iceTuning.withRelayNominationDeadline(v);
            return this;
        }

        /** The first re-probe delay and the cap it doubles up to. */
        public Builder reprobeInterval(Duration first, Duration max) {
            iceTuning = iceTuning.withReprobeInterval(first, max);
            return this;
        }

        public Builder relayTimeout(Duration v) {
            relayTimeout = Objects.requireNonNull(v, "relayTimeout");
            return this;
        }

        public Builder turnRetransmission(RetransmissionPolicy v) {
            turnRetransmission = Objects.requireNonNull(v, "turnRetransmission");
            return this;
        }

        public SessionConfig build() {
            if (bindAddresses.isEmpty()) {
                throw new IllegalArgumentException("bind: at least one local address is needed");
            }
            for (InetSocketAddress a : bindAddresses) {
                if (a.isUnresolved() || a.getAddress().isAnyLocalAddress()) {
                    throw new IllegalArgumentException("bind: " + a + " is not a concrete address");
                }
            }
            if (relays.isEmpty()) {
                throw new IllegalArgumentException("relay: a relay-first session needs at least one TURN server");
            }
            if (relayTimeout.isNegative() || relayTimeout.isZero()) {
                throw new IllegalArgumentException("relayTimeout: must be positive, got " + relayTimeout);
            }
            return new SessionConfig(this);
        }
    }
}
