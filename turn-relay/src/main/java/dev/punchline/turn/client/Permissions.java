package dev.punchline.turn.client;

import dev.punchline.turn.wire.StunAttribute;
import dev.punchline.turn.wire.StunMethod;
import dev.punchline.turn.wire.XorAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The allocation's permissions: installs them in batches, splits a refused batch so that one forbidden
 * address does not cost the others theirs, and picks the ones to refresh. The map is shared with the
 * data path; requests are made on the client's executor.
 */
final class Permissions {
    /**
     * Addresses per CreatePermission. 32 IPv6 XOR-PEER-ADDRESS attributes are 768 bytes, so a request with
     * its credentials stays well inside a 1280-byte IPv6 minimum MTU and is never fragmented.
     */
    static final int MAX_BATCH = 32;

    private final Map<InetAddress, Permission> byAddress = new ConcurrentHashMap<>();
    /** The request under way for an address: a second caller joins it instead of asking again. */
    private final Map<InetAddress, CompletableFuture<PermitOutcome>> inFlight = new ConcurrentHashMap<>();
    private final TurnRequester requester;
    private final long lifetimeNanos;

    Permissions(TurnRequester requester, Duration lifetime) {
        this.requester = requester;
        this.lifetimeNanos = lifetime.toNanos();
    }

    Permission entry(InetAddress address) {
        return byAddress.computeIfAbsent(address, a -> new Permission(a));
    }

    Permission get(InetAddress address) {
        return byAddress.get(address);
    }

    /**
     * Asks for permissions for all of {@code addresses}, in batches of {@link #MAX_BATCH}. Addresses the
     * server refused a short while ago count as refused again without asking, and addresses whose request
     * is still under way join that request, so that a caller retrying in a loop cannot turn into a request
     * storm, not even before the first answer arrives.
     */
    CompletableFuture<PermitOutcome> install(Collection<InetAddress> addresses) {
        long now = System.nanoTime();
        List<InetAddress> toAsk = new ArrayList<>();
        List<InetAddress> stillRefused = new ArrayList<>();
        CompletableFuture<PermitOutcome> all = CompletableFuture.completedFuture(PermitOutcome.NOTHING);
        for (InetAddress a : new LinkedHashSet<>(addresses)) {
            CompletableFuture<PermitOutcome> pending = inFlight.get(a);
            if (refusedAt(a, now)) {
                stillRefused.add(a);
            } else if (pending != null) {
                all = all.thenCombine(pending.thenApply(outcome -> outcome.about(a)), PermitOutcome::plus);
            } else {
                toAsk.add(a);
            }
        }
        all = all.thenApply(outcome -> outcome.plus(PermitOutcome.refused(stillRefused)));
        for (int from = 0; from < toAsk.size(); from += MAX_BATCH) {
            List<InetAddress> batch = List.copyOf(toAsk.subList(from, Math.min(toAsk.size(), from + MAX_BATCH)));
            CompletableFuture<PermitOutcome> asked = request(batch);
            batch.forEach(a -> inFlight.put(a, asked));
            asked.whenComplete((outcome, error) -> batch.forEach(a -> inFlight.remove(a, asked)));
            all = all.thenCombine(asked, PermitOutcome::plus);
        }
        return all;
    }

    /** The server refused this address and its refusal backoff has not run out. */
    boolean refusedAt(InetAddress address, long now) {
        Permission p = byAddress.get(address);
        return p != null && p.refusedAt(now);
    }

    /** Takes the addresses that carried data since they were last installed or refreshed. */
    List<InetAddress> takeUsed(long now) {
        List<InetAddress> used = new ArrayList<>();
        for (Permission p : byAddress.values()) {
            if (p.used && !p.refusedAt(now)) {
                p.used = false;
                used.add(p.address);
            }
        }
        return used;
    }

    /** Forgets permissions that lapsed unused, so a long session with many peers does not grow the map. */
    void prune(long now) {
        byAddress.values().removeIf(p -> !p.used && !p.validAt(now) && !p.refusedAt(now));
    }

    /** ChannelBind installs or refreshes the permission for the peer's address too (RFC 8656 §12.2). */
    void grantedByChannelBind(InetAddress address, long sentNanos) {
        entry(address).granted(sentNanos + lifetimeNanos);
    }

    private CompletableFuture<PermitOutcome> request(List<InetAddress> batch) {
        List<StunAttribute> peers = new ArrayList<>(batch.size());
        for (InetAddress a : batch) {
            peers.add(XorAddress.peer(new InetSocketAddress(a, 0)));
        }
        return requester.request(StunMethod.CREATE_PERMISSION, peers)
                .handle((response, error) -> outcome(batch, response, error))
                .thenCompose(Function.identity());
    }

    private CompletableFuture<PermitOutcome> outcome(List<InetAddress> batch, TurnResponse response, Throwable error) {
        if (error != null) {
            return CompletableFuture.completedFuture(PermitOutcome.failed(batch, TurnException.unwrap(error)));
        }
        if (response.success()) {
            long until = response.sentNanos() + lifetimeNanos;
            batch.forEach(a -> entry(a).granted(until));
            return CompletableFuture.completedFuture(PermitOutcome.granted(batch));
        }
        if (!isRefusal(response.errorCode())) {
            return CompletableFuture.completedFuture(
                    PermitOutcome.failed(batch, TurnErrorResponseException.of(response)));
        }
        if (batch.size() == 1) {
            entry(batch.get(0)).refused(System.nanoTime());
            return CompletableFuture.completedFuture(PermitOutcome.refused(batch));
        }
        int half = batch.size() / 2;
        return request(batch.subList(0, half)).thenCombine(request(batch.subList(half, batch.size())),
                PermitOutcome::plus);
    }

    /** The answers that concern particular addresses of a request rather than the request as a whole. */
    static boolean isRefusal(int errorCode) {
        return errorCode == 403 || errorCode == 443;
    }
}
