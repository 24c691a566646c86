package dev.punchline.turn.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Valid messages of every kind the codec knows — each method and class TURN uses, every attribute, both
 * integrity attributes, ChannelData padded and not, and back-to-back frames for the stream framer — as
 * the starting points that mutations then damage.
 */
final class FuzzCorpus {
    static final byte[] KEY = {9, 8, 7, 6, 5, 4, 3, 2, 1};

    private FuzzCorpus() {
    }

    static List<byte[]> seeds() {
        List<byte[]> singles = new ArrayList<>(List.of(Rfc5769.REQUEST, Rfc5769.IPV4_RESPONSE,
                Rfc5769.IPV6_RESPONSE, Rfc5769.LONG_TERM_REQUEST));
        singles.add(stun(StunMethod.ALLOCATE, StunClass.REQUEST, Integrity.sha1(KEY), new RequestedTransport(17),
                new Lifetime(600), new DontFragment(), new EvenPort(true), new RequestedAddressFamily(2),
                new Username("alice"), new Realm("example.org"), new Nonce("n0nce"), new Software("punchline"),
                PasswordAlgorithm.sha256(), new UserHash(new byte[32])));
        singles.add(stun(StunMethod.ALLOCATE, StunClass.SUCCESS_RESPONSE, Integrity.sha256(KEY),
                XorAddress.relayed(address("198.51.100.7", 49152)), XorAddress.relayed(address("2001:db8::7", 49153)),
                XorAddress.mapped(address("::ffff:203.0.113.9", 3478)), new Lifetime(600),
                new ReservationToken(new byte[8])));
        singles.add(stun(StunMethod.ALLOCATE, StunClass.ERROR_RESPONSE, Integrity.NONE,
                new ErrorCode(401, "Unauthorized"), new Realm("example.org"), new Nonce("abc"),
                new PasswordAlgorithms(List.of(PasswordAlgorithm.md5(), PasswordAlgorithm.sha256(),
                        new PasswordAlgorithm(7, new byte[] {1, 2, 3}))), new Software("x")));
        singles.add(stun(StunMethod.REFRESH, StunClass.ERROR_RESPONSE, Integrity.NONE,
                new ErrorCode(420, ""), new UnknownAttributes(new int[] {0x0003, 0x7FFF, 0x1234})));
        singles.add(stun(StunMethod.CREATE_PERMISSION, StunClass.REQUEST, Integrity.sha1(KEY),
                XorAddress.peer(address("192.0.2.1", 1)), XorAddress.peer(address("192.0.2.2", 2)),
                XorAddress.peer(address("2001:db8::1", 3)), new Username("bob"), new Realm("r"), new Nonce("n")));
        singles.add(stun(StunMethod.CHANNEL_BIND, StunClass.REQUEST, Integrity.sha1(KEY), new ChannelNumber(0x4001),
                XorAddress.peer(address("192.0.2.1", 5000))));
        singles.add(stun(StunMethod.SEND, StunClass.INDICATION, Integrity.NONE,
                XorAddress.peer(address("192.0.2.1", 5000)), new Data(Unpooled.wrappedBuffer(new byte[101])),
                new DontFragment()));
        singles.add(stun(StunMethod.DATA, StunClass.INDICATION, Integrity.NONE,
                XorAddress.peer(address("2001:db8::2", 6000)), new Data(Unpooled.EMPTY_BUFFER)));
        singles.add(stun(StunMethod.BINDING, StunClass.REQUEST, Integrity.sha1(KEY), new Priority(0x6e0001ffL),
                new UseCandidate(), new IceControlling(-1L), new Username("a:b")));
        singles.add(stun(StunMethod.BINDING, StunClass.ERROR_RESPONSE, Integrity.NONE, new ErrorCode(300, "Try"),
                new AlternateServer(address("203.0.113.1", 3478)), new MappedAddress(address("2001:db8::9", 9)),
                new OpaqueAttribute(AttributeType.ALTERNATE_DOMAIN, "turn.example".getBytes()),
                new OpaqueAttribute(0xC001, new byte[] {1})));
        singles.add(RawMessage.of(0x0003).attr(AttributeType.MESSAGE_INTEGRITY, new byte[20])
                .attr(AttributeType.USERNAME, "61").attr(0x0003, "").attr(AttributeType.FINGERPRINT, "00000000")
                .attr(AttributeType.SOFTWARE, "62").bytes());
        singles.add(Rfc5769.hex("4001 0005 68656c6c6f"));
        singles.add(Rfc5769.hex("4fff 0005 68656c6c6f 000000"));
        singles.add(Rfc5769.hex("4000 0000"));
        List<byte[]> all = new ArrayList<>(singles);
        // Back-to-back frames, as a TCP stream carries them.
        for (int i = 0; i + 2 < singles.size(); i += 3) {
            all.add(concat(singles.get(i), Rfc5769.hex("4abc 0001 7a000000"), singles.get(i + 2)));
        }
        return all;
    }

    private static byte[] stun(int method, StunClass cls, Integrity integrity, StunAttribute... attributes) {
        StunMessage.Builder b = StunMessage.builder(method, cls, TransactionId.random());
        for (StunAttribute a : attributes) {
            b.add(a);
        }
        ByteBuf out = Unpooled.buffer();
        b.encodeTo(out, integrity, true);
        return Rfc5769VectorsTest.bytes(out);
    }

    private static InetSocketAddress address(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        return Rfc5769VectorsTest.bytes(Unpooled.wrappedBuffer(parts));
    }
}
