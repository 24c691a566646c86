package dev.punchline.turn.client;

import dev.punchline.turn.wire.ChannelData;
import dev.punchline.turn.wire.ChannelNumber;
import dev.punchline.turn.wire.StunMethod;
import dev.punchline.turn.wire.XorAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The allocation's channels: numbers handed out once per peer, ChannelBind requests, and the lookups the
 * data path makes in both directions (peer → number to send, number → peer to receive) from any thread.
 */
final class Channels {
    private static final int COUNT = ChannelData.MAX_CHANNEL - ChannelData.MIN_CHANNEL + 1;

    private final Map<InetSocketAddress, ChannelBinding> byPeer = new ConcurrentHashMap<>();
    private final AtomicReferenceArray<ChannelBinding> byNumber = new AtomicReferenceArray<>(COUNT);
    private final AtomicInteger nextNumber = new AtomicInteger(ChannelData.MIN_CHANNEL);
    private final TurnRequester requester;
    private final Permissions permissions;
    private final long lifetimeNanos;

    Channels(TurnRequester requester, Permissions permissions, Duration lifetime) {
        this.requester = requester;
        this.permissions = permissions;
        this.lifetimeNanos = lifetime.toNanos();
    }

    /** The peer's channel, numbered on first use; null once all 4096 numbers are taken. */
    ChannelBinding entry(InetSocketAddress peer) {
        return byPeer.computeIfAbsent(peer, p -> {
            int number = nextNumber.getAndUpdate(n -> n > ChannelData.MAX_CHANNEL ? n : n + 1);
            if (number > ChannelData.MAX_CHANNEL) {
                return null;
            }
            ChannelBinding binding = new ChannelBinding(p, number);
            byNumber.set(number - ChannelData.MIN_CHANNEL, binding);
            return binding;
        });
    }

    ChannelBinding get(InetSocketAddress peer) {
        return byPeer.get(peer);
    }

    /** The binding a received ChannelData message belongs to, or null for a number we never bound. */
    ChannelBinding byNumber(int number) {
        int index = number - ChannelData.MIN_CHANNEL;
        return index >= 0 && index < COUNT ? byNumber.get(index) : null;
    }

    Collection<ChannelBinding> all() {
        return byPeer.values();
    }

    /**
     * Binds (or re-binds, which refreshes) the channel. One request at a time per channel: a second
     * caller gets the same future. Fails with {@link PermissionRefusedException} when the server refuses
     * the peer, or refused it a short while ago (then without asking again): the data path leaves the
     * peer alone for a growing while.
     */
    CompletableFuture<Integer> bind(ChannelBinding channel) {
        if (channel.inFlight != null) {
            return channel.inFlight;
        }
        if (permissions.refusedAt(channel.peer.getAddress(), System.nanoTime())) {
            channel.requested.set(false);
            return CompletableFuture.failedFuture(
                    new PermissionRefusedException(Set.of(channel.peer.getAddress()), Set.of()));
        }
        CompletableFuture<Integer> result = new CompletableFuture<>();
        channel.inFlight = result;
        requester.request(StunMethod.CHANNEL_BIND,
                        List.of(new ChannelNumber(channel.number), XorAddress.peer(channel.peer)))
                .whenComplete((response, error) -> {
                    channel.inFlight = null;
                    Throwable failure = error != null ? failed(channel, TurnException.unwrap(error))
                            : outcome(channel, response);
                    channel.requested.set(false);
                    if (failure == null) {
                        result.complete(channel.number);
                    } else {
                        result.completeExceptionally(failure);
                    }
                });
        return result;
    }

    private Throwable outcome(ChannelBinding channel, TurnResponse response) {
        long now = System.nanoTime();
        if (response.success()) {
            channel.validUntil = response.sentNanos() + lifetimeNanos;
            channel.failures.reset();
            permissions.grantedByChannelBind(channel.peer.getAddress(), response.sentNanos());
            return null;
        }
        if (Permissions.isRefusal(response.errorCode())) {
            permissions.entry(channel.peer.getAddress()).refused(now);
            return new PermissionRefusedException(Set.of(channel.peer.getAddress()), Set.of());
        }
        return failed(channel, TurnErrorResponseException.of(response));
    }

    /** Any failure but a refusal: the data path waits a growing while before it asks again. */
    private static Throwable failed(ChannelBinding channel, Throwable failure) {
        channel.retryNotBefore = System.nanoTime() + channel.failures.nextDelayNanos();
        return failure;
    }
}
