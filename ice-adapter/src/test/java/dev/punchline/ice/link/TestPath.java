package dev.punchline.ice.link;

import io.netty.buffer.ByteBuf;

import java.util.function.Consumer;

/** A path for tests: its datagrams go to {@code sink}. */
record TestPath(String id, PathKind kind, Consumer<ByteBuf> sink) implements LinkPath {

    @Override
    public void send(ByteBuf datagram) {
        sink.accept(datagram);
    }

    @Override
    public String toString() {
        return id;
    }
}
