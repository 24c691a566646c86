package dev.punchline.ice.link;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;

/** A path that keeps what the Link sends on it, for tests that look at the datagrams themselves. */
final class CapturingPath implements LinkPath {
    private final String id;
    private final PathKind kind;
    final List<ByteBuf> sent = new ArrayList<>();

    CapturingPath(String id, PathKind kind) {
        this.id = id;
        this.kind = kind;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public PathKind kind() {
        return kind;
    }

    @Override
    public void send(ByteBuf datagram) {
        sent.add(datagram);
    }

    /** The datagrams sent whose first byte is {@code type}, released and counted. */
    long drain(int type) {
        long n = sent.stream().filter(b -> b.getUnsignedByte(b.readerIndex()) == type).count();
        sent.forEach(ByteBuf::release);
        sent.clear();
        return n;
    }
}
