package dev.punchline.turn.server.protocol;

import dev.punchline.turn.server.allocation.Allocation;
import dev.punchline.turn.server.allocation.ClientLink;
import dev.punchline.turn.wire.Integrity;
import dev.punchline.turn.wire.StunAttribute;
import dev.punchline.turn.wire.StunMessage;

import java.util.List;

/**
 * An authenticated TURN request and how to answer it: every answer carries MESSAGE-INTEGRITY with the user's key.
 */
record Request(ClientLink link, StunMessage message, String username, Integrity integrity) {

    Allocation allocation() {
        return link.allocation();
    }

    /**
     * The allocation this request acts on, or null after answering 437 (none on this 5-tuple) or 441 (it belongs to
     * another user: RFC 8656 §5 ties an allocation to the credentials that made it).
     */
    Allocation requireAllocation() {
        Allocation allocation = link.allocation();
        if (allocation == null) {
            fail(437);
            return null;
        }
        if (!allocation.username().equals(username)) {
            fail(441);
            return null;
        }
        return allocation;
    }

    void succeed(StunAttribute... attributes) {
        Replies.success(link, message.method(), message.transactionId(), integrity, List.of(attributes));
    }

    void fail(int code, StunAttribute... extra) {
        Replies.error(link, message.method(), message.transactionId(), integrity, code, List.of(extra));
    }
}
