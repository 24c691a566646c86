package dev.punchline.ice;

import dev.punchline.ice.link.LinkPath;
import dev.punchline.ice.link.PathKind;
import io.netty.buffer.ByteBuf;

import java.util.function.Consumer;

/** A path as a session gives it to its Link: a name, a kind, and where its datagrams go. */
record SessionLinkPath(String id, PathKind kind, Consumer<ByteBuf> out) implements LinkPath {

    @Override
    public void send(ByteBuf datagram) {
        out.accept(datagram);
    }
}
