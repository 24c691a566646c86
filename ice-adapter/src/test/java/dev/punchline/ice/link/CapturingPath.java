package dev.punchline.ice.link;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;

/** A path that keeps what the Link sends on it, for tests that look at the datagrams themselves. */
final class CapturingPath {
    final List<ByteBuf> sent = new ArrayList<>();
    final LinkPath path;

    CapturingPath(String id, PathKind kind) {
        path = new TestPath(id, kind, sent::add);
    }

    /** The datagrams sent whose first byte is {@code type}, released and counted. */
    long drain(int type) {
        long n = sent.stream().filter(b -> b.getUnsignedByte(b.readerIndex()) == type).count();
        sent.forEach(ByteBuf::release);
        sent.clear();
        return n;
    }

    /** The first 8 bytes of each data frame's payload sent so far, in order; every datagram released. */
    List<Long> dataPayloads() {
        List<Long> values = new ArrayList<>();
        for (ByteBuf b : sent) {
            if (b.getUnsignedByte(b.readerIndex()) == LinkFrame.TYPE_DATA) {
                values.add(b.getLong(b.readerIndex() + LinkFrame.HEADER_LENGTH));
            }
        }
        drain(LinkFrame.TYPE_DATA);
        return values;
    }
}
