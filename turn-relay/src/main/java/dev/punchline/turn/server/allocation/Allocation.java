package dev.punchline.turn.server.allocation;

import dev.punchline.turn.server.TurnServerConfig;
import dev.punchline.turn.server.metrics.DeletionReason;
import dev.punchline.turn.server.metrics.DropReason;
import dev.punchline.turn.server.metrics.TurnServerMetrics;
import dev.punchline.turn.wire.TransactionId;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One TURN allocation: a relay socket, its permissions and channels, and its client. Everything here runs on one event
 * loop (the client's, which also owns the relay socket), so the state needs no locks and a relayed packet never changes
 * threads. Only {@link #deliverInternal} and {@link #closeFromAnyThread} may be called from elsewhere; they hop onto
 * the loop.
 *
 * <p>Relaying methods take ownership of the payload buffer: they send it on or release it.
 */
public final class Allocation {

    private static final Logger LOG = LoggerFactory.getLogger(Allocation.class);

    private final AllocationRegistry registry;
    private final TurnServerMetrics metrics;
    private final String username;
    private final ClientLink link;
    private final DatagramChannel relay;
    private final InetSocketAddress boundAddress;
    private final InetSocketAddress relayedAddress;
    private final byte[] reservationToken;
    private final Runnable releasePort;
    private final long permissionLifetime;
    private final long channelLifetime;
    private final int maxPermissions;
    private final TokenBucket toPeerCap;
    private final TokenBucket toClientCap;

    /** Peer IP (canonical) → its permission, expiring on System.nanoTime. */
    private final Map<InetAddress, Permission> permissions = new HashMap<>();
    private final IntObjectHashMap<ChannelBinding> channelsByNumber = new IntObjectHashMap<>(4);
    private final Map<InetSocketAddress, ChannelBinding> channelsByPeer = new HashMap<>(4);
    private final ChannelQuarantine quarantine;
    private final ResponseCache responses = new ResponseCache();
    private final PeerFrames frames;

    private long expiresAt;
    private ScheduledFuture<?> sweep;
    private long sweepAt;
    private boolean closed;

    Allocation(AllocationRegistry registry, TurnServerConfig config, TurnServerMetrics metrics, String username,
               ClientLink link, DatagramChannel relay, InetSocketAddress boundAddress,
               InetSocketAddress relayedAddress, long lifetimeNanos, byte[] reservationToken, Runnable releasePort) {
        this.registry = registry;
        this.metrics = metrics;
        this.username = username;
        this.link = link;
        this.relay = relay;
        this.boundAddress = boundAddress;
        this.relayedAddress = relayedAddress;
        this.reservationToken = reservationToken;
        this.releasePort = releasePort;
        this.permissionLifetime = config.permissionLifetime().toNanos();
        this.channelLifetime = config.channelLifetime().toNanos();
        this.maxPermissions = config.maxPermissions();
        this.quarantine = new ChannelQuarantine(config.channelQuarantine().toNanos());
        long now = System.nanoTime();
        long cap = config.maxBitsPerSecond();
        this.toPeerCap = cap > 0 ? new TokenBucket(cap, now) : null;
        this.toClientCap = cap > 0 ? new TokenBucket(cap, now) : null;
        this.frames = new PeerFrames(relay.alloc(), link.padsChannelData());
        this.expiresAt = now + lifetimeNanos;
        relay.pipeline().addLast(new RelaySocketHandler(this, metrics));
        reschedule(now);
        LOG.info("allocation created: user={} client={} transport={} relayed={} lifetime={}s", username,
                link.clientAddress(), link.transport(), relayedAddress, TimeUnit.NANOSECONDS.toSeconds(lifetimeNanos));
    }

    public String username() {
        return username;
    }

    public ClientLink link() {
        return link;
    }

    public EventLoop eventLoop() {
        return link.eventLoop();
    }

    /** The relayed transport address as clients are told it (the external address if one is configured). */
    public InetSocketAddress relayedAddress() {
        return relayedAddress;
    }

    InetSocketAddress boundAddress() {
        return boundAddress;
    }

    /** The RESERVATION-TOKEN for the port above this one, when EVEN-PORT asked for it; else null. */
    public byte[] reservationToken() {
        return reservationToken == null ? null : reservationToken.clone();
    }

    public boolean isIpv6() {
        return boundAddress.getAddress() instanceof java.net.Inet6Address;
    }

    /** The encoded response already sent to this transaction within the last 40 s, or null. */
    public byte[] cachedResponse(TransactionId id) {
        return responses.get(id, System.nanoTime());
    }

    public void cacheResponse(TransactionId id, byte[] encoded) {
        responses.put(id, encoded, System.nanoTime());
    }

    /** Sets the remaining lifetime (Refresh). */
    public void refresh(long lifetimeNanos) {
        long now = System.nanoTime();
        expiresAt = now + lifetimeNanos;
        reschedule(now);
    }

    /** Whether permissions for all of {@code peers} (canonical IPs) fit under the allocation's cap. */
    public boolean hasRoomFor(Collection<InetAddress> peers) {
        long added = peers.stream().distinct().filter(peer -> !permissions.containsKey(peer)).count();
        return permissions.size() + added <= maxPermissions;
    }

    /** Installs or refreshes a permission for a peer IP that the caller has already checked (and made room for). */
    public void permit(InetAddress peer) {
        install(peer, System.nanoTime());
    }

    private Permission install(InetAddress peer, long now) {
        Permission permission = permissions.get(peer);
        if (permission == null) {
            permission = new Permission();
            permissions.put(peer, permission);
            metrics.permissionsChanged(1);
        }
        permission.expiresAt = now + permissionLifetime;
        scheduleBy(permission.expiresAt, now);
        return permission;
    }

    /**
     * Whether {@code number} may be bound to {@code peer} (RFC 8656 §11.2, §12): neither may be bound to something else,
     * nor have been within the quarantine after its binding expired.
     */
    public boolean canBind(int number, InetSocketAddress peer) {
        ChannelBinding byNumber = channelsByNumber.get(number);
        ChannelBinding byPeer = channelsByPeer.get(peer);
        return (byNumber == null || byNumber.peer.equals(peer)) && (byPeer == null || byPeer.number == number)
                && !quarantine.forbids(number, peer, System.nanoTime());
    }

    /** Binds or refreshes a channel, and the permission for its peer; call {@link #canBind} first. */
    public void bind(int number, InetSocketAddress peer) {
        long now = System.nanoTime();
        ChannelBinding binding = channelsByNumber.get(number);
        if (binding == null) {
            binding = new ChannelBinding(number, peer, registry.isOwnRelayAddress(peer.getAddress()));
            channelsByNumber.put(number, binding);
            channelsByPeer.put(peer, binding);
            quarantine.release(number, peer);
            metrics.channelsChanged(1);
        }
        binding.expiresAt = now + channelLifetime;
        scheduleBy(binding.expiresAt, now);
        binding.permission = install(peer.getAddress(), now);
    }

    /** ChannelData from the client: {@code payload} is the frame's data, already sliced out of its header. */
    public void fromClientChannel(int number, ByteBuf payload) {
        ChannelBinding binding = channelsByNumber.get(number);
        if (binding == null) {
            drop(payload, DropReason.NO_CHANNEL);
            return;
        }
        if (!permitted(binding)) {
            drop(payload, DropReason.NO_PERMISSION);
            return;
        }
        toPeer(binding.peer, binding.toOwnRelay, payload);
    }

    /** A Send indication's DATA for {@code peer} (canonical address). */
    public void fromClientSend(InetSocketAddress peer, ByteBuf payload) {
        if (!permissions.containsKey(peer.getAddress())) {
            drop(payload, DropReason.NO_PERMISSION);
            return;
        }
        toPeer(peer, registry.isOwnRelayAddress(peer.getAddress()), payload);
    }

    /**
     * Whether the binding's peer holds a permission: the one the binding keeps, or, once that lapsed, one installed
     * again since (which the binding then keeps).
     */
    private boolean permitted(ChannelBinding binding) {
        if (!binding.permission.lapsed) {
            return true;
        }
        Permission renewed = permissions.get(binding.peer.getAddress());
        if (renewed == null) {
            return false;
        }
        binding.permission = renewed;
        return true;
    }

    /** A datagram that arrived on the relay socket, or from another allocation of this server. */
    void fromPeer(InetSocketAddress peer, ByteBuf payload) {
        if (closed) {
            drop(payload, DropReason.NO_ALLOCATION);
            return;
        }
        ChannelBinding binding = channelsByPeer.get(peer);
        if (binding != null ? !permitted(binding) : !permissions.containsKey(peer.getAddress())) {
            drop(payload, DropReason.NO_PERMISSION);
            return;
        }
        int bytes = payload.readableBytes();
        if (toClientCap != null && !toClientCap.tryTake(bytes, System.nanoTime())) {
            drop(payload, DropReason.BANDWIDTH);
            return;
        }
        if (!link.isWritable()) {
            drop(payload, DropReason.CONGESTION);
            return;
        }
        ByteBuf frame = binding != null
                ? frames.channelData(binding.number, payload)
                : frames.dataIndication(peer, payload);
        metrics.relayedToClient(bytes);
        link.write(frame);
    }

    /**
     * A datagram another allocation of this server sends to this one's relayed address: it never touches the kernel.
     * Safe from any thread.
     */
    void deliverInternal(InetSocketAddress from, ByteBuf payload) {
        EventLoop loop = eventLoop();
        if (loop.inEventLoop()) {
            fromPeer(from, payload);
        } else {
            loop.execute(() -> fromPeer(from, payload));
        }
    }

    /** Relays to a peer the caller found permitted; {@code ownRelay} says whether it is one of this server's addresses. */
    private void toPeer(InetSocketAddress peer, boolean ownRelay, ByteBuf payload) {
        int bytes = payload.readableBytes();
        if (toPeerCap != null && !toPeerCap.tryTake(bytes, System.nanoTime())) {
            drop(payload, DropReason.BANDWIDTH);
            return;
        }
        if (ownRelay) {
            Allocation target = registry.byRelayedAddress(peer);
            if (target != null) {
                metrics.relayedToPeer(bytes);
                target.deliverInternal(relayedAddress, payload);
                return;
            }
            // Whatever else listens on this server's address is no allocation: only the policy may let it through.
            if (!registry.peerPolicy().check(peer).allowed()) {
                drop(payload, DropReason.NO_SUCH_RELAY);
                return;
            }
        }
        if (!relay.isWritable()) {
            drop(payload, DropReason.CONGESTION);
            return;
        }
        metrics.relayedToPeer(bytes);
        // A failed send surfaces in RelaySocketHandler.exceptionCaught, where it is counted and nothing else happens.
        relay.write(new DatagramPacket(rightSized(payload), peer), relay.voidPromise());
        FlushBatch.add(relay);
    }

    /**
     * The payload in a buffer of its own size. Received datagrams sit in the loop's shared 64 KiB receive buffer
     * (anything UDP carries must fit, see {@link LoopReceiveBuffer}); a queued packet that kept a slice of it would make
     * the next read take a 64 KiB buffer of its own, so it is copied out, which costs far less than the send itself.
     */
    private ByteBuf rightSized(ByteBuf payload) {
        try {
            return relay.alloc().directBuffer(payload.readableBytes()).writeBytes(payload);
        } finally {
            payload.release();
        }
    }

    private void drop(ByteBuf payload, DropReason reason) {
        payload.release();
        metrics.drop(reason);
    }

    /** Ends the allocation (on its loop): relay socket closed, port and quota returned, permissions and channels gone. */
    public ChannelFuture close(DeletionReason reason) {
        if (closed) {
            return relay.closeFuture();
        }
        closed = true;
        if (sweep != null) {
            sweep.cancel(false);
        }
        metrics.permissionsChanged(-permissions.size());
        metrics.channelsChanged(-channelsByNumber.size());
        permissions.clear();
        channelsByNumber.clear();
        channelsByPeer.clear();
        quarantine.clear();
        link.detach(this);
        registry.removed(this, reason);
        ChannelFuture closing = relay.close();
        closing.addListener(f -> releasePort.run());
        LOG.info("allocation deleted: user={} client={} transport={} relayed={} reason={}", username,
                link.clientAddress(), link.transport(), relayedAddress, reason.label());
        return closing;
    }

    ChannelFuture closeFromAnyThread(DeletionReason reason) {
        EventLoop loop = eventLoop();
        if (loop.inEventLoop()) {
            return close(reason);
        }
        loop.execute(() -> close(reason));
        return relay.closeFuture();
    }

    /**
     * Makes sure one timer is pending at the earliest deadline (allocation, permission or channel): one scheduled task
     * per allocation on its own loop, not one per permission, and no timer thread.
     */
    private void reschedule(long now) {
        long next = expiresAt;
        for (Permission permission : permissions.values()) {
            next = Math.min(next, permission.expiresAt);
        }
        for (ChannelBinding binding : channelsByNumber.values()) {
            next = Math.min(next, binding.expiresAt);
        }
        scheduleBy(next, now);
    }

    /**
     * Makes sure the timer fires no later than {@code deadline}. Constant time, so that installing a permission or a
     * channel costs the same however many the allocation holds; the sweep itself finds the next deadline.
     */
    private void scheduleBy(long deadline, long now) {
        if (sweep != null && !sweep.isDone() && sweepAt - deadline <= 0) {
            return;
        }
        if (sweep != null) {
            sweep.cancel(false);
        }
        sweepAt = deadline;
        sweep = eventLoop().schedule(this::sweep, Math.max(0, deadline - now), TimeUnit.NANOSECONDS);
    }

    private void sweep() {
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        if (expiresAt - now <= 0) {
            close(DeletionReason.EXPIRED);
            return;
        }
        int removed = 0;
        for (Iterator<Permission> it = permissions.values().iterator(); it.hasNext(); ) {
            Permission permission = it.next();
            if (permission.expiresAt - now <= 0) {
                permission.lapsed = true;
                it.remove();
                removed++;
            }
        }
        metrics.permissionsChanged(-removed);
        removed = 0;
        for (Iterator<ChannelBinding> it = channelsByNumber.values().iterator(); it.hasNext(); ) {
            ChannelBinding binding = it.next();
            if (binding.expiresAt - now <= 0) {
                it.remove();
                channelsByPeer.remove(binding.peer);
                quarantine.hold(binding.number, binding.peer, now);
                removed++;
            }
        }
        metrics.channelsChanged(-removed);
        quarantine.purge(now);
        sweep = null;
        reschedule(now);
    }
}
