package dev.punchline.turn.client;

import dev.punchline.turn.wire.StunAttribute;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one authenticated request for the allocation and yields its final response, success or error
 * (401 and 438 are already dealt with); fails on timeout or once the allocation is gone. Called and
 * completed on the client's executor.
 */
@FunctionalInterface
interface TurnRequester {
    CompletableFuture<TurnResponse> request(int method, List<StunAttribute> attributes);
}
