package dev.punchline.turn.wire;

import io.netty.buffer.ByteBuf;

/**
 * Writes one attribute (type, length, value, zero padding). The integrity attributes and FINGERPRINT are not
 * written from records: their values depend on the bytes around them, so {@link StunEncoder} computes them.
 */
final class AttributeEncoder {
    private AttributeEncoder() {
    }

    /** @param start where the message's header begins, for the XOR masks */
    static void write(ByteBuf out, int start, StunAttribute attribute) {
        int headerAt = out.writerIndex();
        out.writeShort(attribute.type());
        out.writeShort(0);
        int valueAt = out.writerIndex();
        writeValue(out, start, attribute);
        int length = out.writerIndex() - valueAt;
        if (length > 0xFFFF) {
            out.writerIndex(headerAt);
            throw new IllegalArgumentException(AttributeType.name(attribute.type()) + " value over 65535 bytes");
        }
        out.setShort(headerAt + 2, length);
        out.writeZero(StunHeader.padded(length) - length);
    }

    private static void writeValue(ByteBuf out, int start, StunAttribute a) {
        if (a instanceof XorAddress x) {
            AddressCodec.write(out, start, x.address(), true);
        } else if (a instanceof Data d) {
            out.writeBytes(d.payload(), d.payload().readerIndex(), d.payload().readableBytes());
        } else if (a instanceof ChannelNumber c) {
            out.writeShort((int) unsigned(c.channel(), 16, "CHANNEL-NUMBER")).writeShort(0);
        } else if (a instanceof Lifetime l) {
            out.writeInt((int) unsigned(l.seconds(), 32, "LIFETIME"));
        } else if (a instanceof Username u) {
            TextCodec.write(out, u.name(), TextCodec.MAX_USERNAME, a.type());
        } else if (a instanceof Realm r) {
            TextCodec.write(out, r.realm(), TextCodec.MAX_TEXT, a.type());
        } else if (a instanceof Nonce n) {
            TextCodec.write(out, n.nonce(), TextCodec.MAX_TEXT, a.type());
        } else if (a instanceof Software s) {
            TextCodec.write(out, s.description(), TextCodec.MAX_TEXT, a.type());
        } else if (a instanceof ErrorCode e) {
            out.writeShort(0).writeByte(e.code() / 100).writeByte(e.code() % 100);
            TextCodec.write(out, e.reason(), TextCodec.MAX_TEXT, a.type());
        } else if (a instanceof RequestedTransport t) {
            out.writeInt((int) unsigned(t.protocol(), 8, "REQUESTED-TRANSPORT") << 24);
        } else if (a instanceof RequestedAddressFamily f) {
            out.writeInt((int) unsigned(f.family(), 8, "REQUESTED-ADDRESS-FAMILY") << 24);
        } else if (a instanceof MappedAddress m) {
            AddressCodec.write(out, start, m.address(), false);
        } else if (a instanceof AlternateServer s) {
            AddressCodec.write(out, start, s.address(), false);
        } else {
            writeRareValue(out, a);
        }
    }

    /** The attributes a relay's data path never writes, kept apart so the common ones are tested first. */
    private static void writeRareValue(ByteBuf out, StunAttribute a) {
        if (a instanceof DontFragment || a instanceof UseCandidate) {
            return;
        } else if (a instanceof EvenPort e) {
            out.writeByte(e.reserveNext() ? 0x80 : 0);
        } else if (a instanceof Priority p) {
            out.writeInt((int) unsigned(p.priority(), 32, "PRIORITY"));
        } else if (a instanceof IceControlling c) {
            out.writeLong(c.tieBreaker());
        } else if (a instanceof IceControlled c) {
            out.writeLong(c.tieBreaker());
        } else if (a instanceof UserHash h) {
            out.writeBytes(sized(h.hash(), 32, "USERHASH"));
        } else if (a instanceof ReservationToken t) {
            out.writeBytes(sized(t.token(), 8, "RESERVATION-TOKEN"));
        } else if (a instanceof UnknownAttributes u) {
            for (int type : u.types()) {
                out.writeShort((int) unsigned(type, 16, "UNKNOWN-ATTRIBUTES"));
            }
        } else if (a instanceof PasswordAlgorithm p) {
            writePasswordAlgorithm(out, p, false);
        } else if (a instanceof PasswordAlgorithms list) {
            for (PasswordAlgorithm p : list.algorithms()) {
                writePasswordAlgorithm(out, p, true);
            }
        } else if (a instanceof OpaqueAttribute o) {
            out.writeBytes(o.value());
        } else {
            // The builder refuses the integrity attributes and FINGERPRINT, the only ones left.
            throw new IllegalStateException(AttributeType.name(a.type()) + " cannot be written from a record");
        }
    }

    private static void writePasswordAlgorithm(ByteBuf out, PasswordAlgorithm p, boolean padded) {
        int length = p.parameters().length;
        out.writeShort((int) unsigned(p.algorithm(), 16, "PASSWORD-ALGORITHM"))
                .writeShort((int) unsigned(length, 16, "PASSWORD-ALGORITHM parameters"))
                .writeBytes(p.parameters());
        if (padded) {
            out.writeZero(StunHeader.padded(length) - length);
        }
    }

    private static long unsigned(long value, int bits, String what) {
        if (value < 0 || value >>> bits != 0) {
            throw new IllegalArgumentException(what + " is an unsigned " + bits + "-bit value: " + value);
        }
        return value;
    }

    private static byte[] sized(byte[] value, int length, String what) {
        if (value.length != length) {
            throw new IllegalArgumentException(what + " has " + length + " bytes, not " + value.length);
        }
        return value;
    }
}
