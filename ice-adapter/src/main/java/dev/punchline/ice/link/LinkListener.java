package dev.punchline.ice.link;

import io.netty.buffer.ByteBuf;

/** What a Link reports, on its thread. Implementations must not block. */
public interface LinkListener {

    /**
     * One packet from the peer, in order and without duplicates (between Punchline peers; towards a standard
     * peer, as it arrived). Takes over the reference: release it when done.
     */
    void onData(ByteBuf payload);

    /** The data moved to another path (see {@link PathChange}). */
    default void onPathChange(PathChange change) {
    }
}
