package dev.punchline.ice;

import dev.punchline.turn.wire.Data;
import dev.punchline.turn.wire.Integrity;
import dev.punchline.turn.wire.StunClass;
import dev.punchline.turn.wire.StunMessage;
import dev.punchline.turn.wire.StunMethod;
import dev.punchline.turn.wire.TransactionId;
import dev.punchline.turn.wire.Username;
import dev.punchline.turn.wire.XorAddress;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * What an attacker sends a session (issue 4, behaviour 9), each kind with the {@link BadInput} a session must
 * count it as when it comes from a stranger's address, straight or through a relay. Seeded, so a failure can be
 * replayed. Shared with the lab tests (test-jar).
 */
public final class BadDatagrams {

    /** One attack datagram and the reason a session drops it for when a stranger sends it. */
    public record Sample(String kind, byte[] bytes, BadInput expected) {
    }

    /** The STUN magic cookie (RFC 8489 §6): garbage must not carry it by chance. */
    private static final int COOKIE = 0x2112A442;
    private static final int MAX_GARBAGE = 1200;
    private static final int ICE_PASSWORD_CHARS = 22;

    private final Random random;

    public BadDatagrams(long seed) {
        random = new Random(seed);
    }

    /**
     * A random sample of every kind but forged Link frames from the peer's address (a stranger cannot send from
     * there): garbage, ChannelData, STUN with wrong credentials or none, unmatched responses, broken STUN, Link
     * frames.
     */
    public Sample next(String victimUfrag) {
        return switch (random.nextInt(8)) {
            case 0 -> new Sample("garbage", garbage(), BadInput.MALFORMED);
            case 1 -> new Sample("ChannelData", channelData(), BadInput.UNKNOWN_CHANNEL);
            case 2 -> new Sample("STUN wrong password", stunWrongPassword(victimUfrag), BadInput.STUN_BAD_CREDENTIALS);
            case 3 -> new Sample("STUN unknown ufrag", stunWrongPassword(word(8)), BadInput.STUN_BAD_CREDENTIALS);
            case 4 -> new Sample("STUN without USERNAME", stunWithoutUsername(), BadInput.STUN_BAD_CREDENTIALS);
            case 5 -> new Sample("STUN response", stunUnmatchedResponse(), BadInput.STUN_UNMATCHED);
            case 6 -> new Sample("broken STUN", brokenStun(), BadInput.MALFORMED);
            default -> new Sample("Link frame", linkFrame(1 + random.nextInt(1 << 20), random.nextInt(1 << 20)),
                    BadInput.FROM_UNKNOWN_SOURCE);
        };
    }

    /**
     * Random bytes whose first byte is in no range a session speaks: 0..3 without STUN's cookie, 16..19, DTLS
     * (20..63), RTP (128..191), QUIC (192..255).
     */
    public byte[] garbage() {
        byte[] bytes = new byte[1 + random.nextInt(MAX_GARBAGE)];
        random.nextBytes(bytes);
        int[][] ranges = {{0, 3}, {16, 19}, {20, 63}, {128, 191}, {192, 255}};
        int[] range = ranges[random.nextInt(ranges.length)];
        bytes[0] = (byte) (range[0] + random.nextInt(range[1] - range[0] + 1));
        if (bytes.length >= 8 && ByteBuffer.wrap(bytes).getInt(4) == COOKIE) {
            bytes[4] ^= 1;
        }
        return bytes;
    }

    /** ChannelData with a random channel number (0x4000..0x7FFF) and a random payload. */
    public byte[] channelData() {
        return channelData(0x4000 + random.nextInt(0x4000));
    }

    /** ChannelData for {@code channel} with a random payload. */
    public byte[] channelData(int channel) {
        int length = random.nextInt(MAX_GARBAGE);
        ByteBuffer b = ByteBuffer.allocate(4 + length);
        b.putShort((short) channel).putShort((short) length);
        byte[] payload = new byte[length];
        random.nextBytes(payload);
        return b.put(payload).array();
    }

    /** An ICE check (Binding request) to {@code ufrag}, signed with a password that is not its own. */
    public byte[] stunWrongPassword(String ufrag) {
        StunMessage.Builder b = StunMessage.builder(StunMethod.BINDING, StunClass.REQUEST, TransactionId.random())
                .add(new Username(ufrag + ":" + word(4)));
        return encode(b, Integrity.sha1(word(ICE_PASSWORD_CHARS).getBytes(StandardCharsets.US_ASCII)));
    }

    /** A Binding request with no USERNAME: no credentials at all. */
    public byte[] stunWithoutUsername() {
        return encode(StunMessage.builder(StunMethod.BINDING, StunClass.REQUEST, TransactionId.random()), Integrity.NONE);
    }

    /** A Binding success response to a transaction nobody started. */
    public byte[] stunUnmatchedResponse() {
        return encode(StunMessage.builder(StunMethod.BINDING, StunClass.SUCCESS_RESPONSE, TransactionId.random()),
                Integrity.NONE);
    }

    /** A STUN header (cookie and all) whose attribute claims more bytes than the message has. */
    public byte[] brokenStun() {
        byte[] transaction = new byte[TransactionId.LENGTH];
        random.nextBytes(transaction);
        return ByteBuffer.allocate(20 + 8).putShort((short) 0x0001).putShort((short) 8).putInt(COOKIE).put(transaction)
                .putShort((short) 0x0006).putShort((short) (100 + random.nextInt(100))).putInt(random.nextInt())
                .array();
    }

    /**
     * A Link DATA frame (LinkFrame's wire format, written by hand as an attacker would) with sequence number
     * {@code seq} and echo {@code echo}, and a random payload.
     */
    public byte[] linkFrame(long seq, long echo) {
        byte[] payload = new byte[random.nextInt(200)];
        random.nextBytes(payload);
        return ByteBuffer.allocate(14 + payload.length).put((byte) 4).put((byte) 0)
                .putShort((short) (seq >>> 32)).putInt((int) seq).putShort((short) (echo >>> 32)).putInt((int) echo)
                .put(payload).array();
    }

    /** A TURN Data indication (RFC 8656 §11.4) that says {@code payload} came from {@code peer}. */
    public byte[] dataIndication(InetSocketAddress peer, byte[] payload) {
        return encode(StunMessage.builder(StunMethod.DATA, StunClass.INDICATION, TransactionId.random())
                .add(XorAddress.peer(peer)).add(new Data(Unpooled.wrappedBuffer(payload))), Integrity.NONE);
    }

    private static byte[] encode(StunMessage.Builder builder, Integrity integrity) {
        ByteBuf buf = builder.encode(ByteBufAllocator.DEFAULT, integrity, true);
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    private String word(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append((char) ('a' + random.nextInt(26)));
        }
        return s.toString();
    }
}
