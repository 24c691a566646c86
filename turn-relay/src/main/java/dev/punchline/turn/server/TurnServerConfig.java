package dev.punchline.turn.server;

import dev.punchline.turn.TurnTimings;
import dev.punchline.turn.server.policy.Cidr;
import dev.punchline.turn.server.policy.PeerAddressPolicy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a {@link TurnServer} needs, immutable and validated once in {@link Builder#build()}. Errors name the
 * setting (as the builder method is called) so a front end can map them onto its own flag names.
 *
 * <p>The defaults are safe for the open internet: credentials are mandatory (an open relay is never the default) and
 * relaying to special-purpose addresses is refused unless {@link Builder#allowPeer(String)} opens a range.
 */
public final class TurnServerConfig {

    public static final int DEFAULT_PORT = 3478;
    /** The IANA dynamic range, as coturn uses by default. */
    public static final int DEFAULT_MIN_RELAY_PORT = 49152;
    public static final int DEFAULT_MAX_RELAY_PORT = 65535;
    public static final String DEFAULT_REALM = "punchline";
    /** coturn has no per-user cap by default; ten covers a client with several sessions and ICE restarts. */
    public static final int DEFAULT_USER_QUOTA = 10;
    /** Each allocation holds a socket; ten thousand stays well inside a default 64k port range and fd limits. */
    public static final int DEFAULT_MAX_ALLOCATIONS = 10_000;
    /**
     * Each TCP or TLS allocation needs its connection, so as many connections as allocations; each costs a socket and
     * buffers, and the cap keeps a flood of them from taking the descriptors relay sockets need.
     */
    public static final int DEFAULT_MAX_CONNECTIONS = DEFAULT_MAX_ALLOCATIONS;
    /**
     * Connections one source (IPv4 address or IPv6 /64) may hold: room for a large office behind one NAT using TURN
     * over TCP because UDP is blocked, while one attacking host holds at most a fortieth of {@link
     * #DEFAULT_MAX_CONNECTIONS}.
     */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = 256;
    /**
     * Requests a second one source may send while it holds no allocation. Each costs an answer (and an HMAC once it has
     * credentials); 200 a second is a negligible share of a core and about 170 kbit/s of answers towards an address
     * someone forged, yet lets a hundred clients behind one NAT allocate within a second.
     */
    public static final int DEFAULT_MAX_REQUEST_RATE_PER_IP = 200;
    /**
     * Peer addresses one allocation may hold permissions for. ICE needs one per remote candidate address, a handful to a
     * few dozen; the cap keeps one credentialed client from filling memory with millions of them.
     */
    public static final int DEFAULT_MAX_PERMISSIONS = 1000;

    private final List<ListenAddress> listenAddresses;
    private final List<InetAddress> relayIps;
    private final List<InetAddress> externalIps;
    private final int minRelayPort;
    private final int maxRelayPort;
    private final String realm;
    private final Map<String, String> users;
    private final String authSecret;
    private final List<Cidr> allowedPeers;
    private final PeerAddressPolicy peerPolicy;
    private final int userQuota;
    private final long maxBitsPerSecond;
    private final Duration defaultLifetime;
    private final Duration maxLifetime;
    private final Duration permissionLifetime;
    private final Duration channelLifetime;
    private final Duration channelQuarantine;
    private final Duration nonceLifetime;
    private final int maxAllocations;
    private final int maxConnections;
    private final int maxConnectionsPerIp;
    private final Duration unallocatedConnectionTimeout;
    private final Duration tlsHandshakeTimeout;
    private final int maxRequestRatePerIp;
    private final int maxPermissions;
    private final InetSocketAddress metricsAddress;
    private final Path tlsCertificate;
    private final Path tlsPrivateKey;
    private final int eventLoopThreads;

    private TurnServerConfig(Builder b, List<ListenAddress> listen, List<InetAddress> relayIps,
                             PeerAddressPolicy peerPolicy) {
        this.listenAddresses = List.copyOf(listen);
        this.relayIps = List.copyOf(relayIps);
        this.externalIps = List.copyOf(b.externalIps);
        this.minRelayPort = b.minRelayPort;
        this.maxRelayPort = b.maxRelayPort;
        this.realm = b.realm;
        this.users = Collections.unmodifiableMap(new LinkedHashMap<>(b.users));
        this.authSecret = b.authSecret;
        this.allowedPeers = List.copyOf(b.allowedPeers);
        this.peerPolicy = peerPolicy;
        this.userQuota = b.userQuota;
        this.maxBitsPerSecond = b.maxBitsPerSecond;
        this.defaultLifetime = b.defaultLifetime;
        this.maxLifetime = b.maxLifetime;
        this.permissionLifetime = b.permissionLifetime;
        this.channelLifetime = b.channelLifetime;
        this.channelQuarantine = b.channelQuarantine;
        this.nonceLifetime = b.nonceLifetime;
        this.maxAllocations = b.maxAllocations;
        this.maxConnections = b.maxConnections;
        this.maxConnectionsPerIp = b.maxConnectionsPerIp;
        this.unallocatedConnectionTimeout = b.unallocatedConnectionTimeout;
        this.tlsHandshakeTimeout = b.tlsHandshakeTimeout;
        this.maxRequestRatePerIp = b.maxRequestRatePerIp;
        this.maxPermissions = b.maxPermissions;
        this.metricsAddress = b.metricsAddress;
        this.tlsCertificate = b.tlsCertificate;
        this.tlsPrivateKey = b.tlsPrivateKey;
        this.eventLoopThreads = b.eventLoopThreads;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<ListenAddress> listenAddresses() {
        return listenAddresses;
    }

    /** Addresses relay sockets bind to, at most one per address family; never empty, never a wildcard. */
    public List<InetAddress> relayIps() {
        return relayIps;
    }

    /** Addresses advertised instead of the relay address of the same family (the server sits behind a 1:1 NAT). */
    public List<InetAddress> externalIps() {
        return externalIps;
    }

    /** The relay address of the given family, or null when this server does not relay that family. */
    public InetAddress relayIp(boolean ipv6) {
        return ofFamily(relayIps, ipv6);
    }

    /** What to advertise for the relay address of the given family: its external address, or itself. */
    public InetAddress advertisedIp(boolean ipv6) {
        InetAddress external = ofFamily(externalIps, ipv6);
        return external != null ? external : relayIp(ipv6);
    }

    public int minRelayPort() {
        return minRelayPort;
    }

    public int maxRelayPort() {
        return maxRelayPort;
    }

    public String realm() {
        return realm;
    }

    /** Static long-term users, name to password. */
    public Map<String, String> users() {
        return users;
    }

    /** The TURN REST API shared secret, or null. */
    public String authSecret() {
        return authSecret;
    }

    /** Ranges opened for relaying on top of the default policy. */
    public List<Cidr> allowedPeers() {
        return allowedPeers;
    }

    /** The one peer-address check, built from the allowed ranges and this server's own addresses. */
    public PeerAddressPolicy peerPolicy() {
        return peerPolicy;
    }

    /**
     * The same policy, built for the listeners as actually bound: a listener configured with port 0 only has its real
     * port once bound, and the policy must refuse relaying to it.
     */
    public PeerAddressPolicy peerPolicy(List<ListenAddress> bound) {
        return peerPolicy(allowedPeers, bound, relayIps, externalIps);
    }

    private static PeerAddressPolicy peerPolicy(List<Cidr> allowed, List<ListenAddress> listen,
                                                List<InetAddress> relay, List<InetAddress> external) {
        PeerAddressPolicy.Builder policy = PeerAddressPolicy.builder().allow(allowed);
        listen.forEach(l -> policy.listenAddress(l.address()));
        relay.forEach(policy::serverAddress);
        external.forEach(policy::serverAddress);
        return policy.build();
    }

    public int userQuota() {
        return userQuota;
    }

    /** Per-allocation cap, each direction on its own; 0 means unlimited. */
    public long maxBitsPerSecond() {
        return maxBitsPerSecond;
    }

    public Duration defaultLifetime() {
        return defaultLifetime;
    }

    public Duration maxLifetime() {
        return maxLifetime;
    }

    public Duration permissionLifetime() {
        return permissionLifetime;
    }

    public Duration channelLifetime() {
        return channelLifetime;
    }

    /** How long an expired channel's number and peer stay reserved for each other (RFC 8656 §12). */
    public Duration channelQuarantine() {
        return channelQuarantine;
    }

    public Duration nonceLifetime() {
        return nonceLifetime;
    }

    public int maxAllocations() {
        return maxAllocations;
    }

    /** TCP and TLS client connections open at once, in all. */
    public int maxConnections() {
        return maxConnections;
    }

    /** TCP and TLS client connections open at once from one IPv4 address or IPv6 /64. */
    public int maxConnectionsPerIp() {
        return maxConnectionsPerIp;
    }

    /**
     * How long a TCP or TLS connection may hold no allocation before it is closed; also how long a metrics connection may
     * stay without a request.
     */
    public Duration unallocatedConnectionTimeout() {
        return unallocatedConnectionTimeout;
    }

    public Duration tlsHandshakeTimeout() {
        return tlsHandshakeTimeout;
    }

    /** Permissions (peer IP addresses) one allocation may hold at once; more get 508. */
    public int maxPermissions() {
        return maxPermissions;
    }

    /** Requests a second from one IPv4 address or IPv6 /64 that holds no allocation on its 5-tuple; 0 means no limit. */
    public int maxRequestRatePerIp() {
        return maxRequestRatePerIp;
    }

    /** Where the Prometheus endpoint listens, or null for none. */
    public InetSocketAddress metricsAddress() {
        return metricsAddress;
    }

    public Path tlsCertificate() {
        return tlsCertificate;
    }

    public Path tlsPrivateKey() {
        return tlsPrivateKey;
    }

    public int eventLoopThreads() {
        return eventLoopThreads;
    }

    /** Deliberately silent about passwords and the secret. */
    @Override
    public String toString() {
        return "TurnServerConfig{listen=" + listenAddresses + ", relayIps=" + relayIps + ", externalIps=" + externalIps
                + ", ports=" + minRelayPort + "-" + maxRelayPort + ", realm=" + realm + ", users=" + users.keySet()
                + ", authSecret=" + (authSecret != null ? "set" : "none") + ", allowedPeers=" + allowedPeers + "}";
    }

    private static InetAddress ofFamily(List<InetAddress> addresses, boolean ipv6) {
        for (InetAddress a : addresses) {
            if ((a instanceof Inet6Address) == ipv6) {
                return a;
            }
        }
        return null;
    }

    /** Mutable, not thread-safe; every setter returns this. */
    public static final class Builder {
        private final List<ListenAddress> listen = new ArrayList<>();
        private final List<InetAddress> relayIps = new ArrayList<>();
        private final List<InetAddress> externalIps = new ArrayList<>();
        private int minRelayPort = DEFAULT_MIN_RELAY_PORT;
        private int maxRelayPort = DEFAULT_MAX_RELAY_PORT;
        private String realm = DEFAULT_REALM;
        private final Map<String, String> users = new LinkedHashMap<>();
        private String authSecret;
        private final List<Cidr> allowedPeers = new ArrayList<>();
        private int userQuota = DEFAULT_USER_QUOTA;
        private long maxBitsPerSecond;
        private Duration defaultLifetime = TurnTimings.DEFAULT_ALLOCATION_LIFETIME;
        private Duration maxLifetime = TurnTimings.MAX_ALLOCATION_LIFETIME;
        private Duration permissionLifetime = TurnTimings.PERMISSION_LIFETIME;
        private Duration channelLifetime = TurnTimings.CHANNEL_LIFETIME;
        private Duration channelQuarantine = TurnTimings.CHANNEL_QUARANTINE;
        private Duration nonceLifetime = TurnTimings.NONCE_LIFETIME;
        private int maxAllocations = DEFAULT_MAX_ALLOCATIONS;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxConnectionsPerIp = DEFAULT_MAX_CONNECTIONS_PER_IP;
        private Duration unallocatedConnectionTimeout = TurnTimings.UNALLOCATED_CONNECTION_TIMEOUT;
        private Duration tlsHandshakeTimeout = TurnTimings.TLS_HANDSHAKE_TIMEOUT;
        private int maxRequestRatePerIp = DEFAULT_MAX_REQUEST_RATE_PER_IP;
        private int maxPermissions = DEFAULT_MAX_PERMISSIONS;
        private InetSocketAddress metricsAddress;
        private Path tlsCertificate;
        private Path tlsPrivateKey;
        private int eventLoopThreads = Runtime.getRuntime().availableProcessors();

        private Builder() {
        }

        /** Repeatable. Without any, the server listens on UDP 0.0.0.0:3478. */
        public Builder listen(ListenAddress address) {
            listen.add(Objects.requireNonNull(address, "listen"));
            return this;
        }

        public Builder listen(Transport transport, InetSocketAddress address) {
            return listen(new ListenAddress(transport, address));
        }

        /**
         * The address relay sockets bind to; callable once per address family (one IPv4, one IPv6). Without it, the
         * specific (non-wildcard) listen addresses are used.
         */
        public Builder relayIp(InetAddress address) {
            relayIps.add(Objects.requireNonNull(address, "relayIp"));
            return this;
        }

        /** The public address of the relay address of the same family; callable once per family. */
        public Builder externalIp(InetAddress address) {
            externalIps.add(Objects.requireNonNull(address, "externalIp"));
            return this;
        }

        public Builder portRange(int min, int max) {
            this.minRelayPort = min;
            this.maxRelayPort = max;
            return this;
        }

        public Builder realm(String realm) {
            this.realm = realm;
            return this;
        }

        /** Repeatable; a later entry for the same name replaces the earlier one. */
        public Builder user(String name, String password) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("user: empty user name");
            }
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("user: empty password for " + name);
            }
            users.put(name, password);
            return this;
        }

        public Builder authSecret(String secret) {
            this.authSecret = secret;
            return this;
        }

        /** Opens a range refused by default (e.g. 10.0.0.0/8, 127.0.0.0/8, fd00::/8) for relaying. Repeatable. */
        public Builder allowPeer(Cidr range) {
            allowedPeers.add(Objects.requireNonNull(range, "allowPeer"));
            return this;
        }

        /** {@link #allowPeer(Cidr)} from text such as "10.0.0.0/8" or "::1". */
        public Builder allowPeer(String range) {
            try {
                return allowPeer(Cidr.parse(range == null ? null : range.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("allowPeer: " + e.getMessage(), e);
            }
        }

        /** Allocations one user may hold at once. */
        public Builder userQuota(int quota) {
            this.userQuota = quota;
            return this;
        }

        /** Per-allocation cap in bits per second, each direction; 0 = unlimited. */
        public Builder maxBitsPerSecond(long bitsPerSecond) {
            this.maxBitsPerSecond = bitsPerSecond;
            return this;
        }

        public Builder maxLifetime(Duration lifetime) {
            this.maxLifetime = lifetime;
            return this;
        }

        public Builder defaultLifetime(Duration lifetime) {
            this.defaultLifetime = lifetime;
            return this;
        }

        public Builder permissionLifetime(Duration lifetime) {
            this.permissionLifetime = lifetime;
            return this;
        }

        public Builder channelLifetime(Duration lifetime) {
            this.channelLifetime = lifetime;
            return this;
        }

        public Builder channelQuarantine(Duration quarantine) {
            this.channelQuarantine = quarantine;
            return this;
        }

        public Builder nonceLifetime(Duration lifetime) {
            this.nonceLifetime = lifetime;
            return this;
        }

        public Builder maxAllocations(int max) {
            this.maxAllocations = max;
            return this;
        }

        public Builder maxConnections(int max) {
            this.maxConnections = max;
            return this;
        }

        /** Per IPv4 address or IPv6 /64. */
        public Builder maxConnectionsPerIp(int max) {
            this.maxConnectionsPerIp = max;
            return this;
        }

        public Builder unallocatedConnectionTimeout(Duration timeout) {
            this.unallocatedConnectionTimeout = timeout;
            return this;
        }

        public Builder tlsHandshakeTimeout(Duration timeout) {
            this.tlsHandshakeTimeout = timeout;
            return this;
        }

        public Builder maxPermissions(int max) {
            this.maxPermissions = max;
            return this;
        }

        /** Per IPv4 address or IPv6 /64, for requests from 5-tuples without an allocation; 0 = no limit. */
        public Builder maxRequestRatePerIp(int perSecond) {
            this.maxRequestRatePerIp = perSecond;
            return this;
        }

        /** Serve Prometheus text at http://address/metrics. */
        public Builder metrics(InetSocketAddress address) {
            this.metricsAddress = address;
            return this;
        }

        /** PEM certificate chain for TLS listeners. */
        public Builder tlsCertificate(Path pem) {
            this.tlsCertificate = pem;
            return this;
        }

        /** PEM private key (PKCS#8) for TLS listeners. */
        public Builder tlsPrivateKey(Path pem) {
            this.tlsPrivateKey = pem;
            return this;
        }

        public Builder eventLoopThreads(int threads) {
            this.eventLoopThreads = threads;
            return this;
        }

        public TurnServerConfig build() {
            List<ListenAddress> effectiveListen = listen.isEmpty()
                    ? List.of(ListenAddress.udp(new InetSocketAddress(DEFAULT_PORT)))
                    : listen;
            checkPorts();
            require(realm != null && !realm.isEmpty(), "realm: must not be empty");
            require(authSecret == null || !authSecret.isEmpty(), "authSecret: must not be empty");
            require(!users.isEmpty() || authSecret != null,
                    "no credentials configured: add a user or an auth secret");
            require(userQuota >= 1, "userQuota: must be at least 1, was " + userQuota);
            require(maxAllocations >= 1, "maxAllocations: must be at least 1, was " + maxAllocations);
            require(maxConnections >= 1, "maxConnections: must be at least 1, was " + maxConnections);
            require(maxConnectionsPerIp >= 1, "maxConnectionsPerIp: must be at least 1, was " + maxConnectionsPerIp);
            require(maxPermissions >= 1, "maxPermissions: must be at least 1, was " + maxPermissions);
            require(maxRequestRatePerIp >= 0,
                    "maxRequestRatePerIp: must be 0 (no limit) or more, was " + maxRequestRatePerIp);
            require(maxBitsPerSecond >= 0, "maxBitsPerSecond: must be 0 (unlimited) or more, was " + maxBitsPerSecond);
            require(eventLoopThreads >= 1, "eventLoopThreads: must be at least 1, was " + eventLoopThreads);
            checkDurations();
            checkTls(effectiveListen);
            checkOnePerFamily(externalIps, "externalIp");
            List<InetAddress> effectiveRelay = relayIps.isEmpty() ? specificAddresses(effectiveListen) : relayIps;
            checkOnePerFamily(effectiveRelay, "relayIp");
            for (InetAddress relay : effectiveRelay) {
                require(!relay.isAnyLocalAddress(), "relayIp: must be a specific address, not " + relay.getHostAddress());
            }
            require(!effectiveRelay.isEmpty(),
                    "relayIp: required when every listen address is a wildcard (peers must reach the relayed address)");
            for (InetAddress external : externalIps) {
                require(ofFamily(effectiveRelay, external instanceof Inet6Address) != null,
                        "externalIp: " + external.getHostAddress() + " has no relayIp of its address family");
            }
            // Throws the policy's own message (it names --allow-peer) for a range that may not be opened.
            PeerAddressPolicy policy = peerPolicy(allowedPeers, effectiveListen, effectiveRelay, externalIps);
            return new TurnServerConfig(this, effectiveListen, effectiveRelay, policy);
        }

        private void checkPorts() {
            require(minRelayPort >= 1 && minRelayPort <= 65535, "portRange: min " + minRelayPort + " outside 1-65535");
            require(maxRelayPort >= 1 && maxRelayPort <= 65535, "portRange: max " + maxRelayPort + " outside 1-65535");
            require(minRelayPort <= maxRelayPort, "portRange: min " + minRelayPort + " > max " + maxRelayPort);
        }

        private void checkDurations() {
            positive(defaultLifetime, "defaultLifetime");
            positive(maxLifetime, "maxLifetime");
            positive(permissionLifetime, "permissionLifetime");
            positive(channelLifetime, "channelLifetime");
            positive(channelQuarantine, "channelQuarantine");
            positive(nonceLifetime, "nonceLifetime");
            positive(unallocatedConnectionTimeout, "unallocatedConnectionTimeout");
            positive(tlsHandshakeTimeout, "tlsHandshakeTimeout");
            require(defaultLifetime.compareTo(maxLifetime) <= 0,
                    "defaultLifetime: " + defaultLifetime.toSeconds() + " s exceeds maxLifetime " + maxLifetime.toSeconds() + " s");
        }

        private void checkTls(List<ListenAddress> effectiveListen) {
            boolean anyTls = effectiveListen.stream().anyMatch(l -> l.transport() == Transport.TLS);
            if (anyTls) {
                require(tlsCertificate != null, "tlsCertificate: required for a TLS listener");
                require(tlsPrivateKey != null, "tlsPrivateKey: required for a TLS listener");
            }
            require((tlsCertificate == null) == (tlsPrivateKey == null),
                    tlsCertificate == null ? "tlsCertificate: missing while tlsPrivateKey is set"
                            : "tlsPrivateKey: missing while tlsCertificate is set");
        }

        private static void checkOnePerFamily(List<InetAddress> addresses, String setting) {
            require(addresses.stream().filter(a -> a instanceof Inet6Address).count() <= 1,
                    setting + ": at most one IPv6 address");
            require(addresses.stream().filter(a -> !(a instanceof Inet6Address)).count() <= 1,
                    setting + ": at most one IPv4 address");
        }

        private static List<InetAddress> specificAddresses(List<ListenAddress> listen) {
            List<InetAddress> out = new ArrayList<>();
            for (ListenAddress l : listen) {
                InetAddress a = l.address().getAddress();
                if (!a.isAnyLocalAddress() && ofFamily(out, a instanceof Inet6Address) == null) {
                    out.add(a);
                }
            }
            return out;
        }

        private static void positive(Duration d, String setting) {
            require(d != null && !d.isNegative() && !d.isZero(), setting + ": must be positive");
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
