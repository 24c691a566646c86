package dev.punchline.turn.wire;

import io.netty.buffer.Unpooled;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Generators for every attribute the builder accepts, each value anywhere in its field's range. */
final class AttributeArbitraries {
    /** The comprehension-optional types the codec leaves opaque (everything 0x8000+ it does not decode). */
    private static final Arbitrary<Integer> OPAQUE_TYPES = Arbitraries.integers().between(0x8000, 0xFFFF)
            .filter(t -> !AttributeType.isUnderstood(t));

    private AttributeArbitraries() {
    }

    static Arbitrary<StunAttribute> any() {
        return Arbitraries.oneOf(List.of(
                address().map(XorAddress::mapped), address().map(XorAddress::peer), address().map(XorAddress::relayed),
                address().map(MappedAddress::new), address().map(AlternateServer::new),
                text(TextCodec.MAX_USERNAME).map(Username::new), text(TextCodec.MAX_TEXT).map(Realm::new),
                text(TextCodec.MAX_TEXT).map(Nonce::new), text(TextCodec.MAX_TEXT).map(Software::new),
                Combinators.combine(Arbitraries.integers().between(300, 699), text(TextCodec.MAX_TEXT - 4))
                        .as(ErrorCode::new),
                bytes(32, 32).map(UserHash::new), bytes(8, 8).map(ReservationToken::new),
                passwordAlgorithm().map(StunAttribute.class::cast),
                passwordAlgorithm().list().ofMaxSize(4).map(PasswordAlgorithms::new),
                Arbitraries.integers().between(0, 0xFFFF).array(int[].class).ofMaxSize(7).map(UnknownAttributes::new),
                Arbitraries.longs().between(0, 0xFFFF_FFFFL).map(Lifetime::new),
                Arbitraries.longs().between(0, 0xFFFF_FFFFL).map(Priority::new),
                Arbitraries.integers().between(0, 0xFFFF).map(ChannelNumber::new),
                Arbitraries.integers().between(0, 0xFF).map(RequestedTransport::new),
                Arbitraries.integers().between(0, 0xFF).map(RequestedAddressFamily::new),
                bytes(0, 1500).map(b -> new Data(Unpooled.wrappedBuffer(b))),
                Arbitraries.of(true, false).map(EvenPort::new),
                Arbitraries.just(new DontFragment()), Arbitraries.just(new UseCandidate()),
                Arbitraries.longs().map(IceControlling::new), Arbitraries.longs().map(IceControlled::new),
                Combinators.combine(OPAQUE_TYPES, bytes(0, 64)).as(OpaqueAttribute::new)));
    }

    /**
     * Texts of any BMP characters but lone surrogates (which have no UTF-8 form), short enough that even
     * three bytes per character stay within the attribute's limit.
     */
    static Arbitrary<String> text(int maxBytes) {
        return Arbitraries.oneOf(List.of(
                Arbitraries.strings().ascii().ofMaxLength(maxBytes),
                Arbitraries.strings().withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFF')
                        .ofMaxLength(maxBytes / 3)));
    }

    /** IPv4, IPv6, and IPv4-mapped IPv6 addresses (which must stay IPv6 through the codec). */
    static Arbitrary<InetSocketAddress> address() {
        Arbitrary<InetAddress> ip = Arbitraries.oneOf(List.of(
                bytes(4, 4).map(AttributeArbitraries::inet),
                bytes(16, 16).map(AttributeArbitraries::inet6),
                bytes(4, 4).map(v4 -> inet6(
                        new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, v4[0], v4[1], v4[2], v4[3]}))));
        return Combinators.combine(ip, Arbitraries.integers().between(0, 0xFFFF)).as(InetSocketAddress::new);
    }

    private static Arbitrary<PasswordAlgorithm> passwordAlgorithm() {
        return Combinators.combine(Arbitraries.integers().between(0, 0xFFFF), bytes(0, 9)).as(PasswordAlgorithm::new);
    }

    static Arbitrary<byte[]> bytes(int min, int max) {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max);
    }

    private static InetAddress inet(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static InetAddress inet6(byte[] b) {
        try {
            return Inet6Address.getByAddress(null, b, -1);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
