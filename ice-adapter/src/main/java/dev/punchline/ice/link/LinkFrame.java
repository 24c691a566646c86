package dev.punchline.ice.link;

import io.netty.buffer.ByteBuf;

/**
 * The frame format between two Punchline peers' Links. All fields are big-endian:
 *
 * <pre>
 *  offset size  field
 *  0      1     type: 4 DATA, 5 PROBE, 6 PROBE_REPLY (7..15 reserved: dropped as malformed by this version)
 *  1      1     key epoch: 0 = cleartext. Reserved for end-to-end encryption, which will number its keys here
 *               (the receiver picks the key by epoch, so a rekey needs no pause); this version drops any
 *               frame with a non-zero epoch as malformed, since it could not decrypt it
 *  2      6     seq, 48-bit unsigned, never 0:
 *                 DATA        the Link-wide data sequence number (one per packet sent, shared by the copies
 *                             of a packet sent on two paths, so the receiver can drop the duplicate)
 *                 PROBE       this path's probe number (1, 2, 3 ... per path and direction)
 *                 PROBE_REPLY the number of the probe answered
 *  8      6     echo, 48-bit: the highest DATA seq the sender has received from the peer ON THIS PATH (0: none
 *               yet), so each side learns what arrived over each path in each direction — received data
 *               alone proves only the reverse direction
 *  14     ...   DATA: the payload, any length (may be empty)
 *               PROBE, PROBE_REPLY: exactly three more bytes —
 *  14     1       flags: bit 0 PRIMARY = this path is the sender's current primary path; bits 1-7 zero
 *  15     2       loss: per mille (0..1000) of the receiver's probes on this path that the sender missed,
 *                 smoothed — the receiver's outbound loss, which it cannot see itself
 * </pre>
 *
 * The first byte sits in 4..15, which RFC 7983 leaves unassigned (0..3 STUN, 20..63 DTLS, 64..79 TURN
 * ChannelData, 128..191 RTP) and which QUIC's fixed bit (RFC 9443) never produces, so one socket can carry
 * Link frames beside STUN, ChannelData, DTLS and RTP. Sequence numbers have 48 bits so that they never wrap
 * (89 years at 100,000 packets a second) and no wrap-around logic is needed anywhere.
 *
 * <p>Parsing is strict: anything not exactly as above is malformed, and {@link #decode} says so instead of
 * throwing, so bytes from the network can only ever be counted and dropped.
 */
public final class LinkFrame {

    public static final int TYPE_DATA = 4;
    public static final int TYPE_PROBE = 5;
    public static final int TYPE_PROBE_REPLY = 6;

    /** First and last byte value that marks a Link frame on a shared socket (types not known yet included). */
    public static final int FIRST_BYTE_MIN = 4;
    public static final int FIRST_BYTE_MAX = 15;

    /** Bytes in front of a DATA payload; a payload buffer with this much room before its reader index is framed in place. */
    public static final int HEADER_LENGTH = 14;

    /** Whole length of a PROBE or PROBE_REPLY. */
    public static final int PROBE_LENGTH = HEADER_LENGTH + 3;

    public static final int FLAG_PRIMARY = 1;

    /** Largest value of a 48-bit field. */
    public static final long MAX_SEQ = (1L << 48) - 1;

    private static final int MAX_LOSS_PERMILLE = 1000;

    private LinkFrame() {
    }

    /** Whether a datagram with this first byte belongs to the Link (RFC 7983 demultiplexing). */
    public static boolean isLinkFrame(int firstByte) {
        return firstByte >= FIRST_BYTE_MIN && firstByte <= FIRST_BYTE_MAX;
    }

    /**
     * Parses the frame between {@code in}'s reader and writer index into {@code out} without moving any index
     * or keeping a reference. Returns false, leaving {@code out} undefined, if the frame is malformed in any way.
     */
    public static boolean decode(ByteBuf in, FrameHeader out) {
        int at = in.readerIndex();
        int length = in.readableBytes();
        if (length < HEADER_LENGTH) {
            return false;
        }
        int type = in.getUnsignedByte(at);
        if (in.getUnsignedByte(at + 1) != 0) {
            return false;
        }
        long seq = get48(in, at + 2);
        long echo = get48(in, at + 8);
        if (seq == 0) {
            return false;
        }
        out.type = type;
        out.seq = seq;
        out.echo = echo;
        if (type == TYPE_DATA) {
            out.flags = 0;
            out.lossPermille = 0;
            return true;
        }
        if ((type != TYPE_PROBE && type != TYPE_PROBE_REPLY) || length != PROBE_LENGTH) {
            return false;
        }
        out.flags = in.getUnsignedByte(at + HEADER_LENGTH);
        out.lossPermille = in.getUnsignedShort(at + HEADER_LENGTH + 1);
        return (out.flags & ~FLAG_PRIMARY) == 0 && out.lossPermille <= MAX_LOSS_PERMILLE;
    }

    /** Writes a header at absolute {@code index} of {@code buf} (indexes unchanged): the in-place framing of DATA. */
    static void setHeader(ByteBuf buf, int index, int type, long seq, long echo) {
        buf.setByte(index, type);
        buf.setByte(index + 1, 0);
        set48(buf, index + 2, seq);
        set48(buf, index + 8, echo);
    }

    /** Appends a whole PROBE or PROBE_REPLY to {@code out}. */
    static void writeProbe(ByteBuf out, int type, long seq, long echo, int flags, int lossPermille) {
        int at = out.writerIndex();
        out.ensureWritable(PROBE_LENGTH);
        setHeader(out, at, type, seq, echo);
        out.setByte(at + HEADER_LENGTH, flags);
        out.setShort(at + HEADER_LENGTH + 1, lossPermille);
        out.writerIndex(at + PROBE_LENGTH);
    }

    private static long get48(ByteBuf in, int index) {
        return ((long) in.getUnsignedShort(index) << 32) | in.getUnsignedInt(index + 2);
    }

    private static void set48(ByteBuf out, int index, long value) {
        out.setShort(index, (int) (value >>> 32));
        out.setInt(index + 2, (int) value);
    }
}
