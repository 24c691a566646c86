package dev.punchline.turn.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

/**
 * ChannelData framing (RFC 8656 §12.4): a 16-bit channel number, a 16-bit payload length, the payload.
 * Over TCP and TLS the frame is padded to a multiple of four; over UDP padding is optional, so decoding
 * accepts up to the padded length.
 */
public final class ChannelData {
    public static final int HEADER_LENGTH = 4;
    /** RFC 8656 §12: the channel numbers an RFC 8656 client binds; our client binds only these. */
    public static final int MIN_CHANNEL = 0x4000;
    public static final int MAX_CHANNEL = 0x4FFF;
    /**
     * The highest channel number accepted on the wire: RFC 5766 §11's 0x7FFF, not RFC 8656's 0x4FFF.
     *
     * <p>RFC 8656 §12 reserved 0x5000-0xFFFF so that ChannelData keeps to RFC 7983's demultiplexing range (first byte
     * 64-79 is a TURN channel) on sockets that also carry DTLS, SRTP or QUIC (whose short headers start with 64-127).
     * But RFC 5766 clients still bind numbers up to 0x7FFF - coturn's turnutils_uclient asks for random ones such as
     * 0x6b3d, and coturn grants them - so a server standing in for coturn must accept, relay and send them. That is
     * safe where this codec decides: a TURN server's listening socket and a client's connection to its server carry
     * only STUN (first two bits 00) and ChannelData (first two bits 01), nothing else. A socket shared with
     * DTLS/SRTP/QUIC (ICE) must demultiplex by source address before it asks {@link #looksLikeChannelData}.
     */
    public static final int MAX_ACCEPTED_CHANNEL = 0x7FFF;
    private static final int MAX_PAYLOAD = 0xFFFF;

    private ChannelData() {
    }

    /** Whether {@code channel} may appear on the wire: 0x4000-{@link #MAX_ACCEPTED_CHANNEL}. */
    public static boolean isAcceptedChannel(int channel) {
        return channel >= MIN_CHANNEL && channel <= MAX_ACCEPTED_CHANNEL;
    }

    /** A first byte from 0x40 to 0x7F (see {@link #MAX_ACCEPTED_CHANNEL} for why not RFC 7983's 64-79). */
    public static boolean looksLikeChannelData(ByteBuf buf) {
        if (!buf.isReadable()) {
            return false;
        }
        int first = buf.getUnsignedByte(buf.readerIndex());
        return first >= MIN_CHANNEL >> 8 && first <= MAX_ACCEPTED_CHANNEL >> 8;
    }

    /**
     * Decodes the readable bytes as one ChannelData message without moving the reader index. The payload is
     * an unretained slice of {@code buf}: valid as long as the caller keeps {@code buf}, retain it to keep it longer.
     */
    public static ChannelDataFrame decode(ByteBuf buf) throws StunParseException {
        int start = buf.readerIndex();
        int readable = buf.readableBytes();
        if (readable < HEADER_LENGTH) {
            throw StunParseException.malformed("shorter than a ChannelData header: " + readable + " bytes");
        }
        int channel = buf.getUnsignedShort(start);
        if (!isAcceptedChannel(channel)) {
            throw StunParseException.malformed(String.format("channel 0x%04x outside 0x4000-0x7FFF", channel));
        }
        int length = buf.getUnsignedShort(start + 2);
        int body = readable - HEADER_LENGTH;
        if (length > body) {
            throw StunParseException.malformed("ChannelData length " + length + " but " + body + " bytes follow");
        }
        if (body > StunHeader.padded(length)) {
            throw StunParseException.malformed("ChannelData followed by more than its padding");
        }
        return new ChannelDataFrame(channel, buf.slice(start + HEADER_LENGTH, length));
    }

    /**
     * Appends a ChannelData message carrying {@code payload}'s readable bytes (left unconsumed). Pass
     * {@code padToFour} on TCP/TLS, where RFC 8656 §12.5 requires it; on UDP it would only waste bytes.
     */
    public static void encode(ByteBuf out, int channel, ByteBuf payload, boolean padToFour) {
        int length = checkedLength(channel, payload);
        out.writeShort(channel).writeShort(length).writeBytes(payload, payload.readerIndex(), length);
        if (padToFour) {
            out.writeZero(StunHeader.padded(length) - length);
        }
    }

    /**
     * A ChannelData message around {@code payload} without copying it: a composite of a small header buffer,
     * the payload and any padding. Takes over the caller's reference to {@code payload} (released with the
     * result, also if this throws). With the epoll transport a direct composite goes out as one sendmsg with
     * several iovecs, so relayed bytes are never copied in user space.
     */
    public static ByteBuf wrap(ByteBufAllocator alloc, int channel, ByteBuf payload, boolean padToFour) {
        int length;
        try {
            length = checkedLength(channel, payload);
        } catch (IllegalArgumentException e) {
            payload.release();
            throw e;
        }
        int padding = padToFour ? StunHeader.padded(length) - length : 0;
        ByteBuf header = alloc.directBuffer(HEADER_LENGTH + padding).writeShort(channel).writeShort(length);
        CompositeByteBuf frame = alloc.compositeDirectBuffer(3).addComponents(true, header.retainedSlice(), payload);
        if (padding > 0) {
            frame.addComponent(true, header.writeZero(padding).retainedSlice(HEADER_LENGTH, padding));
        }
        header.release();
        return frame;
    }

    private static int checkedLength(int channel, ByteBuf payload) {
        if (!isAcceptedChannel(channel)) {
            throw new IllegalArgumentException(String.format("channel 0x%04x outside 0x4000-0x7FFF", channel));
        }
        int length = payload.readableBytes();
        if (length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("ChannelData payload over 65535 bytes: " + length);
        }
        return length;
    }
}
