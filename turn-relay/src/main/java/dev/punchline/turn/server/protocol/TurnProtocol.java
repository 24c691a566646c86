package dev.punchline.turn.server.protocol;

import dev.punchline.turn.TurnTimings;
import dev.punchline.turn.server.TurnServerConfig;
import dev.punchline.turn.server.allocation.Allocation;
import dev.punchline.turn.server.allocation.AllocationRegistry;
import dev.punchline.turn.server.allocation.ClientLink;
import dev.punchline.turn.server.auth.AuthOutcome;
import dev.punchline.turn.server.auth.Authenticator;
import dev.punchline.turn.server.metrics.DropReason;
import dev.punchline.turn.server.metrics.TurnServerMetrics;
import dev.punchline.turn.server.policy.SourceRateLimiter;
import dev.punchline.turn.wire.AttributeType;
import dev.punchline.turn.wire.ChannelData;
import dev.punchline.turn.wire.Data;
import dev.punchline.turn.wire.Integrity;
import dev.punchline.turn.wire.StunClass;
import dev.punchline.turn.wire.StunMessage;
import dev.punchline.turn.wire.StunMethod;
import dev.punchline.turn.wire.StunParseException;
import dev.punchline.turn.wire.TransactionId;
import dev.punchline.turn.wire.UnknownAttributes;
import dev.punchline.turn.wire.XorAddress;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * Everything a client sends, after the transport has cut it into frames: ChannelData goes straight to the
 * allocation; STUN is decoded, answered (Binding), authenticated and dispatched (Allocate, Refresh, CreatePermission,
 * ChannelBind) or relayed (Send). Runs on the 5-tuple's event loop. Bad input never escapes as an exception: a request
 * gets 400 or 420, anything else is dropped and counted.
 */
public final class TurnProtocol {

    private final TurnServerMetrics metrics;
    private final Authenticator authenticator;
    /** Null when the configuration sets no limit. */
    private final SourceRateLimiter unallocatedRequests;
    private final PeerGate gate;
    private final AllocateMethod allocate;
    private final RefreshMethod refresh;
    private final CreatePermissionMethod createPermission;
    private final ChannelBindMethod channelBind;

    public TurnProtocol(TurnServerConfig config, AllocationRegistry registry, Authenticator authenticator,
                        TurnServerMetrics metrics) {
        this.metrics = metrics;
        this.authenticator = authenticator;
        this.unallocatedRequests = config.maxRequestRatePerIp() > 0
                ? new SourceRateLimiter(config.maxRequestRatePerIp(), TurnTimings.REQUEST_BURST)
                : null;
        this.gate = new PeerGate(registry);
        PeerChecks checks = new PeerChecks(gate, metrics);
        this.allocate = new AllocateMethod(config, registry);
        this.refresh = new RefreshMethod(config);
        this.createPermission = new CreatePermissionMethod(checks);
        this.channelBind = new ChannelBindMethod(checks);
    }

    /** Any whole frame from a client; takes ownership. */
    public void onFrame(ClientLink link, ByteBuf frame) {
        if (ChannelData.looksLikeChannelData(frame)) {
            onChannelData(link.allocation(), frame);
        } else {
            onStun(link, frame);
        }
    }

    /**
     * ChannelData (the hot path): the frame's own buffer is narrowed to the payload and handed on, so relaying it
     * allocates nothing but the outgoing packet's envelope.
     */
    public void onChannelData(Allocation allocation, ByteBuf frame) {
        if (allocation == null) {
            drop(frame, DropReason.NO_ALLOCATION);
            return;
        }
        int start = frame.readerIndex();
        int body = frame.readableBytes() - ChannelData.HEADER_LENGTH;
        int length = body < 0 ? -1 : frame.getUnsignedShort(start + 2);
        // Over UDP the payload may be followed by up to three bytes of padding (RFC 8656 §12.4), never more.
        if (length < 0 || length > body || body - length > 3) {
            drop(frame, DropReason.MALFORMED);
            return;
        }
        int channel = frame.getUnsignedShort(start);
        frame.setIndex(start + ChannelData.HEADER_LENGTH, start + ChannelData.HEADER_LENGTH + length);
        allocation.fromClientChannel(channel, frame);
    }

    /** A STUN message (or garbage) from a client; takes ownership. */
    public void onStun(ClientLink link, ByteBuf frame) {
        StunMessage message;
        try {
            message = StunMessage.decode(frame);
        } catch (StunParseException e) {
            answerUnparsable(link, e);
            return;
        } finally {
            frame.release();
        }
        try {
            if (message.hasFingerprint() && !message.verifyFingerprint()) {
                metrics.drop(DropReason.BAD_FINGERPRINT);
                return;
            }
            switch (message.messageClass()) {
                case REQUEST -> onRequest(link, message);
                case INDICATION -> onIndication(link, message);
                default -> metrics.drop(DropReason.UNEXPECTED);
            }
        } finally {
            message.release();
        }
    }

    private void onRequest(ClientLink link, StunMessage message) {
        if (!withinBudget(link)) {
            return;
        }
        TransactionId id = message.transactionId();
        if (message.method() == StunMethod.BINDING) {
            Replies.success(link, StunMethod.BINDING, id, Integrity.NONE,
                    List.of(XorAddress.mapped(link.clientAddress())));
            return;
        }
        if (!isTurnRequest(message.method())) {
            Replies.error(link, message.method(), id, Integrity.NONE, 400, List.of());
            return;
        }
        Allocation existing = link.allocation();
        byte[] earlier = existing == null ? null : existing.cachedResponse(id);
        if (earlier != null) {
            link.writeAndFlush(Unpooled.wrappedBuffer(earlier));
            return;
        }
        Request request = authenticate(link, message);
        if (request == null) {
            return;
        }
        switch (message.method()) {
            case StunMethod.ALLOCATE -> allocate.handle(request);
            case StunMethod.REFRESH -> refresh.handle(request);
            case StunMethod.CREATE_PERMISSION -> createPermission.handle(request);
            default -> channelBind.handle(request);
        }
    }

    private static boolean isTurnRequest(int method) {
        return method == StunMethod.ALLOCATE || method == StunMethod.REFRESH
                || method == StunMethod.CREATE_PERMISSION || method == StunMethod.CHANNEL_BIND;
    }

    /** The request, ready to be answered with the user's key; or null once the refusal has been sent. */
    private Request authenticate(ClientLink link, StunMessage message) {
        AuthOutcome outcome = authenticator.authenticate(message, link.clientAddress());
        if (outcome instanceof AuthOutcome.Accepted accepted) {
            return new Request(link, message, accepted.username(), accepted.responseIntegrity());
        }
        AuthOutcome.Rejected rejected = (AuthOutcome.Rejected) outcome;
        if (rejected.authFailure()) {
            metrics.authFailure();
        } else if (rejected.errorCode() == 438) {
            metrics.staleNonce();
        }
        link.writeAndFlush(Replies.unsigned(rejected.errorResponse(message)));
        return null;
    }

    /** Send indication (RFC 8656 §10.2): silently dropped, and counted, whenever it cannot be relayed. */
    private void onIndication(ClientLink link, StunMessage message) {
        if (message.method() != StunMethod.SEND) {
            metrics.drop(DropReason.UNEXPECTED);
            return;
        }
        Allocation allocation = link.allocation();
        if (allocation == null) {
            metrics.drop(DropReason.NO_ALLOCATION);
            return;
        }
        Optional<XorAddress> peer = message.xorAddress(AttributeType.XOR_PEER_ADDRESS);
        Optional<Data> data = message.attribute(Data.class);
        if (peer.isEmpty() || data.isEmpty()) {
            metrics.drop(DropReason.BAD_INDICATION);
            return;
        }
        InetSocketAddress canonical = PeerGate.canonical(peer.get().address());
        if ((canonical.getAddress() instanceof java.net.Inet6Address) != allocation.isIpv6()) {
            metrics.drop(DropReason.BAD_INDICATION);
            return;
        }
        if (!gate.check(canonical).allowed()) {
            metrics.drop(DropReason.NO_PERMISSION);
            return;
        }
        allocation.fromClientSend(canonical, data.get().payload().retain());
    }

    /** 400 or 420 (with UNKNOWN-ATTRIBUTES) to a request whose header was readable; anything else is dropped. */
    private void answerUnparsable(ClientLink link, StunParseException e) {
        Optional<TransactionId> id = e.transactionId();
        if (e.messageClass().orElse(null) != StunClass.REQUEST || id.isEmpty() || e.method().isEmpty()) {
            metrics.drop(DropReason.MALFORMED);
            return;
        }
        if (!withinBudget(link)) {
            return;
        }
        List<UnknownAttributes> unknown = e.errorCode() == 420
                ? List.of(new UnknownAttributes(e.unknownAttributes()))
                : List.of();
        Replies.error(link, e.method().getAsInt(), id.get(), Integrity.NONE, e.errorCode(), unknown);
    }

    /**
     * Whether a request may be answered. One from a 5-tuple without an allocation spends its source's budget: nothing
     * has authenticated it, so it may come from anyone, over UDP from a forged address. A request over budget is dropped
     * and counted.
     */
    private boolean withinBudget(ClientLink link) {
        if (unallocatedRequests == null || link.allocation() != null
                || unallocatedRequests.tryAcquire(link.clientAddress().getAddress(), System.nanoTime())) {
            return true;
        }
        metrics.drop(DropReason.RATE_LIMITED);
        return false;
    }

    private void drop(ByteBuf frame, DropReason reason) {
        frame.release();
        metrics.drop(reason);
    }
}
