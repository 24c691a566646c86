package dev.punchline.ice.net;

import dev.punchline.turn.wire.StunMessage;
import io.netty.buffer.ByteBuf;

/**
 * What a datagram is, by its first byte (RFC 7983, as Punchline allots the free ranges). One socket carries
 * all of these; {@link Demultiplexer} routes by class.
 */
public enum PacketClass {
    /** First byte 0..3 and the magic cookie (RFC 8489 §6.3): ICE checks, TURN responses and indications. */
    STUN,
    /** First byte 4..15, free in RFC 7983 and outside QUIC's fixed bit (RFC 9443): Punchline's Link framing. */
    LINK_FRAME,
    /** First byte 20..63: DTLS records. */
    DTLS,
    /**
     * First byte 64..127: TURN ChannelData. RFC 8656 allots channels 0x4000..0x4FFF; RFC 5766 allowed up to
     * 0x7FFF, and our server accepts that range, so the whole of it is read as ChannelData.
     */
    CHANNEL_DATA,
    /** First byte 128..191: RTP and RTCP (version 2). */
    RTP_RTCP,
    /** Anything else: empty, 0..3 without the cookie, ZRTP (16..19), QUIC (192..255). Dropped and counted. */
    UNKNOWN;

    private static final int CHANNEL_DATA_HEADER = 4;

    /** The class of {@code datagram}'s readable bytes; reads without moving any index. */
    public static PacketClass of(ByteBuf datagram) {
        if (!datagram.isReadable()) {
            return UNKNOWN;
        }
        int first = datagram.getUnsignedByte(datagram.readerIndex());
        if (first <= 3) {
            return StunMessage.looksLikeStun(datagram) ? STUN : UNKNOWN;
        } else if (first <= 15) {
            return LINK_FRAME;
        } else if (first <= 19) {
            return UNKNOWN;
        } else if (first <= 63) {
            return DTLS;
        } else if (first <= 127) {
            return datagram.readableBytes() >= CHANNEL_DATA_HEADER ? CHANNEL_DATA : UNKNOWN;
        } else if (first <= 191) {
            return RTP_RTCP;
        }
        return UNKNOWN;
    }
}
