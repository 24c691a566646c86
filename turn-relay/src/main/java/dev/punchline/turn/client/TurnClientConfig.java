package dev.punchline.turn.client;

import dev.punchline.turn.TurnTimings;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** What a {@link TurnClient} talks to and how. Immutable; made with {@link #builder(InetSocketAddress)}. */
public final class TurnClientConfig {
    private final InetSocketAddress server;
    private final TransportProtocol protocol;
    private final InetSocketAddress localAddress;
    private final String username;
    private final String password;
    private final String restSecret;
    private final Duration restCredentialTtl;
    private final Clock clock;
    private final Duration requestedLifetime;
    private final String software;
    private final boolean dontFragment;
    private final StandardProtocolFamily relayFamily;
    private final TlsTrust tlsTrust;
    private final String tlsServerName;
    private final EventLoopGroup eventLoopGroup;
    private final RetransmissionPolicy retransmission;
    private final Duration permissionLifetime;
    private final Duration channelLifetime;

    private TurnClientConfig(Builder b) {
        server = b.server;
        protocol = b.protocol;
        localAddress = b.localAddress;
        username = b.username;
        password = b.password;
        restSecret = b.restSecret;
        restCredentialTtl = b.restCredentialTtl;
        clock = b.clock;
        requestedLifetime = b.requestedLifetime;
        software = b.software;
        dontFragment = b.dontFragment;
        relayFamily = b.relayFamily;
        tlsTrust = b.tlsTrust;
        tlsServerName = b.tlsServerName;
        eventLoopGroup = b.eventLoopGroup;
        retransmission = b.retransmission;
        permissionLifetime = b.permissionLifetime;
        channelLifetime = b.channelLifetime;
    }

    public static Builder builder(InetSocketAddress server) {
        return new Builder(server);
    }

    public InetSocketAddress server() {
        return server;
    }

    public TransportProtocol protocol() {
        return protocol;
    }

    /** Where the client's own socket binds; null for any address and an ephemeral port. */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /**
     * The credentials to authenticate with now: the configured ones, or with a REST secret fresh ones
     * valid for {@link #restCredentialTtl()} from this moment.
     */
    public TurnCredentials credentials() {
        if (restSecret == null) {
            return new TurnCredentials(username, password);
        }
        return TurnCredentials.fromRestSecret(restSecret, username, clock.instant().plus(restCredentialTtl));
    }

    /** The LIFETIME asked for in Allocate and Refresh; null to take the server's default. */
    public Duration requestedLifetime() {
        return requestedLifetime;
    }

    /** The SOFTWARE attribute sent in Allocate; null for none. */
    public String software() {
        return software;
    }

    /** Whether Allocate asks for DONT-FRAGMENT (DESIGN decision 6); dropped if the server answers 420. */
    public boolean dontFragment() {
        return dontFragment;
    }

    /** The address family of the relayed address to ask for; IPv4 unless set. */
    public StandardProtocolFamily relayFamily() {
        return relayFamily;
    }

    public TlsTrust tlsTrust() {
        return tlsTrust;
    }

    /** The name sent in SNI and checked against the certificate: the configured one or the server's host. */
    public String tlsServerName() {
        return tlsServerName != null ? tlsServerName : server.getHostString();
    }

    /** The shared group the client's transport runs on; null when the client makes (and closes) its own. */
    public EventLoopGroup eventLoopGroup() {
        return eventLoopGroup;
    }

    public RetransmissionPolicy retransmission() {
        return retransmission;
    }

    /** How long the server keeps a permission (RFC 8656: 300 s); the client refreshes ahead of it. */
    public Duration permissionLifetime() {
        return permissionLifetime;
    }

    /** How long the server keeps a channel binding (RFC 8656: 600 s); the client refreshes ahead of it. */
    public Duration channelLifetime() {
        return channelLifetime;
    }

    @Override
    public String toString() {
        return "TurnClientConfig[" + protocol + " " + server + ", user " + username
                + (restSecret != null ? " (REST credentials)" : "") + "]";
    }

    public static final class Builder {
        private final InetSocketAddress server;
        private TransportProtocol protocol = TransportProtocol.UDP;
        private InetSocketAddress localAddress;
        private String username;
        private String password;
        private String restSecret;
        private Duration restCredentialTtl = TurnTimings.REST_CREDENTIAL_TTL;
        private Clock clock = Clock.systemUTC();
        private Duration requestedLifetime;
        private String software = "Punchline";
        private boolean dontFragment = true;
        private StandardProtocolFamily relayFamily = StandardProtocolFamily.INET;
        private TlsTrust tlsTrust = TlsTrust.systemDefault();
        private String tlsServerName;
        private EventLoopGroup eventLoopGroup;
        private RetransmissionPolicy retransmission = RetransmissionPolicy.rfc8489();
        private Duration permissionLifetime = TurnTimings.PERMISSION_LIFETIME;
        private Duration channelLifetime = TurnTimings.CHANNEL_LIFETIME;

        private Builder(InetSocketAddress server) {
            this.server = server;
        }

        public Builder protocol(TransportProtocol protocol) {
            this.protocol = protocol;
            return this;
        }

        public Builder localAddress(InetSocketAddress localAddress) {
            this.localAddress = localAddress;
            return this;
        }

        /** Static long-term credentials. */
        public Builder credentials(String username, String password) {
            this.username = username;
            this.password = password;
            this.restSecret = null;
            return this;
        }

        /** TURN REST API credentials computed from the server's shared secret for {@code user}. */
        public Builder restCredentials(String user, String secret) {
            this.username = user;
            this.restSecret = secret;
            this.password = null;
            return this;
        }

        public Builder restCredentialTtl(Duration ttl) {
            this.restCredentialTtl = ttl;
            return this;
        }

        /** The clock REST credential expiries are computed from. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder requestedLifetime(Duration lifetime) {
            this.requestedLifetime = lifetime;
            return this;
        }

        public Builder software(String software) {
            this.software = software;
            return this;
        }

        public Builder dontFragment(boolean dontFragment) {
            this.dontFragment = dontFragment;
            return this;
        }

        /** INET6 asks for an IPv6 relayed address (REQUESTED-ADDRESS-FAMILY); peers must then be IPv6 too. */
        public Builder relayFamily(StandardProtocolFamily family) {
            this.relayFamily = family;
            return this;
        }

        public Builder tlsTrust(TlsTrust trust) {
            this.tlsTrust = trust;
            return this;
        }

        public Builder tlsServerName(String name) {
            this.tlsServerName = name;
            return this;
        }

        /** A group shared with other clients; the client then never shuts it down. */
        public Builder eventLoopGroup(EventLoopGroup group) {
            this.eventLoopGroup = group;
            return this;
        }

        public Builder retransmission(RetransmissionPolicy policy) {
            this.retransmission = policy;
            return this;
        }

        /** Only for servers configured with non-standard (short, test) permission lifetimes. */
        public Builder permissionLifetime(Duration lifetime) {
            this.permissionLifetime = lifetime;
            return this;
        }

        /** Only for servers configured with non-standard (short, test) channel lifetimes. */
        public Builder channelLifetime(Duration lifetime) {
            this.channelLifetime = lifetime;
            return this;
        }

        public TurnClientConfig build() {
            if (server == null || server.isUnresolved()) {
                throw new IllegalArgumentException("server must be a resolved address, not " + server);
            }
            Objects.requireNonNull(protocol, "protocol");
            if (username == null || username.isEmpty()) {
                throw new IllegalArgumentException("credentials: a username is required");
            }
            if (restSecret == null && password == null) {
                throw new IllegalArgumentException("credentials: a password or a REST secret is required");
            }
            if (restSecret != null && restSecret.isEmpty()) {
                throw new IllegalArgumentException("restCredentials: the secret must not be empty");
            }
            requirePositive("restCredentialTtl", restCredentialTtl);
            Objects.requireNonNull(clock, "clock");
            if (requestedLifetime != null && requestedLifetime.getSeconds() < 1) {
                throw new IllegalArgumentException("requestedLifetime must be at least 1 s, not " + requestedLifetime);
            }
            if (relayFamily != StandardProtocolFamily.INET && relayFamily != StandardProtocolFamily.INET6) {
                throw new IllegalArgumentException("relayFamily must be INET or INET6, not " + relayFamily);
            }
            Objects.requireNonNull(tlsTrust, "tlsTrust");
            Objects.requireNonNull(retransmission, "retransmission");
            requirePositive("permissionLifetime", permissionLifetime);
            requirePositive("channelLifetime", channelLifetime);
            return new TurnClientConfig(this);
        }

        private static void requirePositive(String setting, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(setting + " must be positive, not " + value);
            }
        }
    }
}
