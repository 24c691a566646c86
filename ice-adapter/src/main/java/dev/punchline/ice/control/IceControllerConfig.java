package dev.punchline.ice.control;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What an {@link IceController} runs over and how. Immutable; made with {@link #builder(IceRole)}. */
public final class IceControllerConfig {

    private final IceRole role;
    private final List<LocalEndpoint> endpoints;
    private final List<InetSocketAddress> stunServers;
    private final RelayEndpoint relay;
    private final boolean reprobe;
    private final IceTuning tuning;

    private IceControllerConfig(Builder b) {
        role = b.role;
        endpoints = List.copyOf(b.endpoints);
        stunServers = List.copyOf(b.stunServers);
        relay = b.relay;
        reprobe = b.reprobe;
        tuning = b.tuning;
    }

    public static Builder builder(IceRole role) {
        return new Builder(role);
    }

    public IceRole role() {
        return role;
    }

    /** Our UDP sockets; each becomes a host candidate (except IPv6 link-local ones) and a check base. */
    public List<LocalEndpoint> endpoints() {
        return endpoints;
    }

    /** STUN servers asked for our server-reflexive addresses, from every endpoint of the same family. */
    public List<InetSocketAddress> stunServers() {
        return stunServers;
    }

    /** Our TURN allocation as a relayed candidate, or null. */
    public RelayEndpoint relay() {
        return relay;
    }

    /** Whether the controlling side re-probes direct paths (ICE restarts) while it sits on the relay. */
    public boolean reprobe() {
        return reprobe;
    }

    public IceTuning tuning() {
        return tuning;
    }

    public static final class Builder {
        private final IceRole role;
        private final List<LocalEndpoint> endpoints = new ArrayList<>();
        private final List<InetSocketAddress> stunServers = new ArrayList<>();
        private RelayEndpoint relay;
        private boolean reprobe = true;
        private IceTuning tuning = IceTuning.DEFAULTS;

        private Builder(IceRole role) {
            this.role = Objects.requireNonNull(role, "role");
        }

        public Builder endpoint(LocalEndpoint endpoint) {
            endpoints.add(Objects.requireNonNull(endpoint, "endpoint"));
            return this;
        }

        public Builder stunServer(InetSocketAddress server) {
            stunServers.add(Objects.requireNonNull(server, "stunServer"));
            return this;
        }

        public Builder relay(RelayEndpoint relay) {
            this.relay = relay;
            return this;
        }

        public Builder reprobe(boolean reprobe) {
            this.reprobe = reprobe;
            return this;
        }

        public Builder tuning(IceTuning tuning) {
            this.tuning = Objects.requireNonNull(tuning, "tuning");
            return this;
        }

        public Builder relayNominationDeadline(Duration deadline) {
            tuning = tuning.withRelayNominationDeadline(deadline);
            return this;
        }

        /** The first re-probe delay and the cap it doubles up to. */
        public Builder reprobeInterval(Duration first, Duration max) {
            tuning = tuning.withReprobeInterval(first, max);
            return this;
        }

        public IceControllerConfig build() {
            if (endpoints.isEmpty() && relay == null) {
                throw new IllegalArgumentException("endpoints: at least one local endpoint or a relay is needed");
            }
            if (endpoints.stream().map(LocalEndpoint::address).distinct().count() != endpoints.size()) {
                throw new IllegalArgumentException("endpoints: the same address twice in " + endpoints);
            }
            return new IceControllerConfig(this);
        }
    }
}
