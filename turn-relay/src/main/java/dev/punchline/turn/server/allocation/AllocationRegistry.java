package dev.punchline.turn.server.allocation;

import dev.punchline.turn.server.TurnServerConfig;
import dev.punchline.turn.server.metrics.DeletionReason;
import dev.punchline.turn.server.metrics.TurnServerMetrics;
import dev.punchline.turn.server.policy.KeyedQuota;
import dev.punchline.turn.server.policy.PeerAddressPolicy;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramChannel;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Every allocation of the server: quotas, relay ports, and the map from relayed address to allocation that lets two
 * allocations of this server talk to each other without the kernel. Shared by all event loops; only Allocate and
 * deletion change it, so the packet path merely reads a concurrent map, and only for traffic to this server's own
 * relay addresses.
 */
public final class AllocationRegistry {

    /** Ports other processes hold fail to bind; after this many misses in a row the range counts as full. */
    private static final int BIND_ATTEMPTS = 32;

    private final TurnServerConfig config;
    private final TurnServerMetrics metrics;
    private final Function<InetAddress, DatagramChannel> relayChannels;
    private final RelayPortPool ipv4Ports;
    private final RelayPortPool ipv6Ports;
    private final InetAddress[] ownRelayAddresses;
    /** Allocations in all and per user. */
    private final KeyedQuota<String> quota;
    private final Map<InetSocketAddress, Allocation> byRelayedAddress = new ConcurrentHashMap<>();
    private final Set<Allocation> live = ConcurrentHashMap.newKeySet();
    private final Reservations reservations = new Reservations();
    private volatile PeerAddressPolicy peerPolicy;
    private volatile boolean closed;

    /**
     * @param relayChannels makes an unregistered datagram channel for a relay address (native or NIO)
     */
    public AllocationRegistry(TurnServerConfig config, TurnServerMetrics metrics,
                              Function<InetAddress, DatagramChannel> relayChannels) {
        this.config = config;
        this.metrics = metrics;
        this.relayChannels = relayChannels;
        this.peerPolicy = config.peerPolicy();
        this.quota = new KeyedQuota<>(config.maxAllocations(), config.userQuota());
        this.ipv4Ports = new RelayPortPool(config.minRelayPort(), config.maxRelayPort());
        this.ipv6Ports = new RelayPortPool(config.minRelayPort(), config.maxRelayPort());
        List<InetAddress> own = new ArrayList<>(config.relayIps());
        config.externalIps().stream().filter(a -> !own.contains(a)).forEach(own::add);
        this.ownRelayAddresses = own.toArray(InetAddress[]::new);
    }

    /**
     * Creates an allocation on {@code link}'s 5-tuple: checks quotas, binds a relay socket on the link's event loop
     * (must be called there: the socket then shares the loop with its client, so relaying never crosses threads).
     */
    public Allocation create(ClientLink link, String username, boolean ipv6, long lifetimeNanos, PortRequest ports)
            throws AllocationRefused {
        if (closed) {
            throw new AllocationRefused(508, "server shutting down");
        }
        InetAddress relayIp = config.relayIp(ipv6);
        if (relayIp == null) {
            throw new AllocationRefused(440, ipv6 ? "IPv6 relaying not offered" : "IPv4 relaying not offered");
        }
        takeQuota(username);
        boolean done = false;
        try {
            RelayPortPool pool = ipv6 ? ipv6Ports : ipv4Ports;
            EventLoop loop = link.eventLoop();
            DatagramChannel relay = ports.reservationToken() != null
                    ? bindReserved(loop, relayIp, pool, ports.reservationToken(), ipv6)
                    : bindAny(loop, relayIp, pool, ports);
            int port = relay.localAddress().getPort();
            byte[] token = ports.reserveNext()
                    ? reservations.hold(ipv6, port + 1, loop, pool::release)
                    : null;
            InetSocketAddress bound = new InetSocketAddress(relayIp, port);
            InetSocketAddress advertised = new InetSocketAddress(config.advertisedIp(ipv6), port);
            Allocation allocation = new Allocation(this, config, metrics, username, link, relay, bound, advertised,
                    lifetimeNanos, token, () -> pool.release(port));
            byRelayedAddress.put(advertised, allocation);
            byRelayedAddress.put(bound, allocation);
            live.add(allocation);
            link.attach(allocation);
            metrics.allocationCreated();
            done = true;
            return allocation;
        } finally {
            if (!done) {
                returnQuota(username);
            }
        }
    }

    /** Whether the port held under a RESERVATION-TOKEN is an IPv6 one; false for an unknown or expired token. */
    public boolean isReservedIpv6(byte[] token) {
        return reservations.isIpv6(token);
    }

    /** Whether {@code address} is one of this server's relay addresses (bound or advertised). */
    public boolean isOwnRelayAddress(InetAddress address) {
        for (InetAddress own : ownRelayAddresses) {
            if (own.equals(address)) {
                return true;
            }
        }
        return false;
    }

    /** The peer address policy in force: the configured one until the listeners are bound, then theirs. */
    public PeerAddressPolicy peerPolicy() {
        return peerPolicy;
    }

    /** Installs the policy that knows the listeners' bound ports. */
    public void usePeerPolicy(PeerAddressPolicy policy) {
        this.peerPolicy = policy;
    }

    /** The allocation relaying on {@code relayed} (as bound or as advertised), or null. */
    public Allocation byRelayedAddress(InetSocketAddress relayed) {
        return byRelayedAddress.get(relayed);
    }

    /** Called by an allocation as it closes. */
    void removed(Allocation allocation, DeletionReason reason) {
        byRelayedAddress.remove(allocation.relayedAddress(), allocation);
        byRelayedAddress.remove(allocation.boundAddress(), allocation);
        live.remove(allocation);
        returnQuota(allocation.username());
        metrics.allocationDeleted(reason);
    }

    /**
     * Refuses new allocations and closes every live one on its own loop.
     *
     * @return one future per closed allocation's relay socket
     */
    public List<ChannelFuture> closeAll() {
        closed = true;
        List<ChannelFuture> closing = new ArrayList<>();
        for (Allocation allocation : live) {
            closing.add(allocation.closeFromAnyThread(DeletionReason.CLOSE));
        }
        return closing;
    }

    private void takeQuota(String username) throws AllocationRefused {
        switch (quota.take(username)) {
            case TOTAL_FULL -> {
                metrics.capacityRefusal();
                throw new AllocationRefused(508, "allocation limit reached");
            }
            case KEY_FULL -> {
                metrics.quotaRefusal();
                throw new AllocationRefused(486, "allocation quota reached");
            }
            case TAKEN -> {
            }
        }
    }

    private void returnQuota(String username) {
        quota.give(username);
    }

    private DatagramChannel bindAny(EventLoop loop, InetAddress ip, RelayPortPool pool, PortRequest ports)
            throws AllocationRefused {
        List<Integer> busy = new ArrayList<>();
        try {
            for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
                int port = pool.acquire(ports.even(), ports.reserveNext());
                if (port < 0) {
                    break;
                }
                DatagramChannel channel = bind(loop, ip, port);
                if (channel != null) {
                    return channel;
                }
                busy.add(port);
            }
        } finally {
            // Ports someone else holds go back only now, so this search does not pick them again.
            for (int port : busy) {
                pool.release(port);
                if (ports.reserveNext()) {
                    pool.release(port + 1);
                }
            }
        }
        metrics.capacityRefusal();
        throw new AllocationRefused(508, "no relay port left");
    }

    private DatagramChannel bindReserved(EventLoop loop, InetAddress ip, RelayPortPool pool, byte[] token,
                                         boolean ipv6) throws AllocationRefused {
        int port = reservations.claim(token, ipv6);
        if (port < 0) {
            throw new AllocationRefused(508, "unknown or expired reservation token");
        }
        DatagramChannel channel = bind(loop, ip, port);
        if (channel == null) {
            pool.release(port);
            metrics.capacityRefusal();
            throw new AllocationRefused(508, "reserved port taken");
        }
        return channel;
    }

    /** Registers and binds on {@code loop}; on that loop both complete before returning. Null when the bind fails. */
    private DatagramChannel bind(EventLoop loop, InetAddress ip, int port) {
        DatagramChannel channel = relayChannels.apply(ip);
        DatagramSocketOptions.apply(channel);
        if (!completed(loop.register(channel))) {
            channel.unsafe().closeForcibly();
            return null;
        }
        if (!completed(channel.bind(new InetSocketAddress(ip, port)))) {
            channel.close();
            return null;
        }
        return channel;
    }

    private static boolean completed(ChannelFuture future) {
        // Done at once on the channel's own loop; the wait only matters off it, where it cannot deadlock.
        return future.awaitUninterruptibly().isSuccess();
    }
}
