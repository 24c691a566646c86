package dev.punchline.turn.wire;

import io.netty.buffer.ByteBuf;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The address value shared by MAPPED-ADDRESS, ALTERNATE-SERVER and the XOR-*-ADDRESS attributes
 * (RFC 8489 §14.1, §14.2). The XOR forms mask the port with the cookie's top half and the address with the
 * cookie (IPv4) or the cookie and transaction id (IPv6) — the 16 bytes right after the length field —
 * so NATs that rewrite addresses they see in payloads leave them alone.
 */
final class AddressCodec {
    static final int FAMILY_IPV4 = 1;
    static final int FAMILY_IPV6 = 2;
    private static final int IPV4_VALUE = 8;
    private static final int IPV6_VALUE = 20;

    private AddressCodec() {
    }

    static InetSocketAddress read(ByteBuf msg, int start, int offset, int length, boolean xor)
            throws StunParseException {
        if (length < 4) {
            throw StunParseException.malformed("address attribute too short");
        }
        int family = msg.getUnsignedByte(offset + 1);
        int port = msg.getUnsignedShort(offset + 2);
        byte[] ip;
        if (family == FAMILY_IPV4 && length == IPV4_VALUE) {
            ip = new byte[4];
        } else if (family == FAMILY_IPV6 && length == IPV6_VALUE) {
            ip = new byte[16];
        } else {
            throw StunParseException.malformed("address family " + family + " with a " + length + "-byte value");
        }
        msg.getBytes(offset + 4, ip);
        if (xor) {
            port ^= StunHeader.MAGIC_COOKIE >>> 16;
            mask(ip, msg, start);
        }
        return new InetSocketAddress(toInetAddress(ip), port);
    }

    static void write(ByteBuf out, int start, InetSocketAddress address, boolean xor) {
        InetAddress inet = address.getAddress();
        if (inet == null) {
            throw new IllegalArgumentException("unresolved address cannot be encoded: " + address);
        }
        byte[] ip = inet.getAddress();
        int port = address.getPort();
        if (xor) {
            port ^= StunHeader.MAGIC_COOKIE >>> 16;
            mask(ip, out, start);
        }
        out.writeByte(0);
        out.writeByte(inet instanceof Inet4Address ? FAMILY_IPV4 : FAMILY_IPV6);
        out.writeShort(port);
        out.writeBytes(ip);
    }

    private static void mask(byte[] ip, ByteBuf msg, int start) {
        int maskAt = start + StunHeader.COOKIE_OFFSET;
        for (int i = 0; i < ip.length; i++) {
            ip[i] ^= msg.getByte(maskAt + i);
        }
    }

    /**
     * Keeps the family as sent: {@code InetAddress.getByAddress} would turn an IPv4-mapped IPv6 address into
     * an IPv4 one, hiding exactly what the peer-address policy needs to see.
     */
    private static InetAddress toInetAddress(byte[] ip) {
        try {
            return ip.length == 4 ? InetAddress.getByAddress(ip) : Inet6Address.getByAddress(null, ip, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 and 16 bytes are always valid addresses", e);
        }
    }
}
