package dev.punchline.turn.wire;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Damages a valid message the ways that find parser bugs: not only random bytes (which mostly just fail
 * the cookie check) but lengths nudged by a few bytes, attribute types swapped for other known types,
 * chunks duplicated or cut at attribute boundaries. Driven by one seed so that a failure can be replayed.
 */
final class Mutator {
    private static final int[] INTERESTING_BYTES = {0x00, 0xFF, 0x7F, 0x80, 0x40, 0x4F, 0x50, 0x20, 0x01};
    private static final int[] KNOWN_TYPES = {AttributeType.MAPPED_ADDRESS, AttributeType.USERNAME,
        AttributeType.MESSAGE_INTEGRITY, AttributeType.ERROR_CODE, AttributeType.UNKNOWN_ATTRIBUTES,
        AttributeType.CHANNEL_NUMBER, AttributeType.LIFETIME, AttributeType.XOR_PEER_ADDRESS, AttributeType.DATA,
        AttributeType.REALM, AttributeType.NONCE, AttributeType.XOR_RELAYED_ADDRESS,
        AttributeType.REQUESTED_ADDRESS_FAMILY, AttributeType.EVEN_PORT, AttributeType.REQUESTED_TRANSPORT,
        AttributeType.DONT_FRAGMENT, AttributeType.MESSAGE_INTEGRITY_SHA256, AttributeType.PASSWORD_ALGORITHM,
        AttributeType.USERHASH, AttributeType.XOR_MAPPED_ADDRESS, AttributeType.RESERVATION_TOKEN,
        AttributeType.PRIORITY, AttributeType.USE_CANDIDATE, AttributeType.PASSWORD_ALGORITHMS,
        AttributeType.ALTERNATE_DOMAIN, AttributeType.SOFTWARE, AttributeType.ALTERNATE_SERVER,
        AttributeType.FINGERPRINT, AttributeType.ICE_CONTROLLED, AttributeType.ICE_CONTROLLING, 0x0003, 0xC001};

    private Mutator() {
    }

    static byte[] mutate(byte[] seed, long randomSeed) {
        SplittableRandom r = new SplittableRandom(randomSeed);
        byte[] b = seed;
        for (int n = 1 + r.nextInt(4); n > 0; n--) {
            b = once(b, r);
        }
        return b;
    }

    private static byte[] once(byte[] b, SplittableRandom r) {
        if (b.length == 0) {
            return randomBytes(r, 1 + r.nextInt(24));
        }
        int at = r.nextInt(b.length);
        switch (r.nextInt(10)) {
            case 0 -> b = edit(b, at, b[at] ^ (1 << r.nextInt(8)));
            case 1 -> b = edit(b, at, r.nextInt(256));
            case 2 -> b = edit(b, at, INTERESTING_BYTES[r.nextInt(INTERESTING_BYTES.length)]);
            case 3 -> b = Arrays.copyOf(b, at);
            case 4 -> b = concat(b, randomBytes(r, 1 + r.nextInt(8)));
            case 5 -> b = setLength(b, r);
            case 6 -> b = setType(b, r);
            case 7 -> b = duplicateChunk(b, r);
            case 8 -> b = deleteChunk(b, r);
            default -> b = concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, r.nextInt(b.length), b.length));
        }
        return b;
    }

    /** A header or attribute length field, set to a nearby or an arbitrary value. */
    private static byte[] setLength(byte[] b, SplittableRandom r) {
        int field = lengthField(b, r);
        if (field + 2 > b.length) {
            return b;
        }
        int old = (b[field] & 0xFF) << 8 | b[field + 1] & 0xFF;
        int value = switch (r.nextInt(4)) {
            case 0 -> old + r.nextInt(-8, 9);
            case 1 -> r.nextInt(0x10000);
            case 2 -> b.length - field + r.nextInt(-6, 7);
            default -> r.nextBoolean() ? 0 : 0xFFFF;
        };
        return edit(edit(b, field, value >> 8), field + 1, value);
    }

    private static byte[] setType(byte[] b, SplittableRandom r) {
        int field = lengthField(b, r) - 2;
        if (field < 0 || field + 2 > b.length) {
            return b;
        }
        int type = r.nextInt(4) == 0 ? r.nextInt(0x10000) : KNOWN_TYPES[r.nextInt(KNOWN_TYPES.length)];
        return edit(edit(b, field, type >> 8), field + 1, type);
    }

    /** The offset of a length field: the header's, or one of the attributes' found by walking them. */
    private static int lengthField(byte[] b, SplittableRandom r) {
        if (b.length < 20 || r.nextInt(4) == 0) {
            return 2;
        }
        int count = 0;
        for (int at = 20; at + 4 <= b.length; at += 4 + ((((b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF) + 3) & ~3)) {
            count++;
        }
        int pick = count == 0 ? 0 : r.nextInt(count);
        int at = 20;
        for (int i = 0; i < pick; i++) {
            at += 4 + ((((b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF) + 3) & ~3);
        }
        return at + 2;
    }

    private static byte[] duplicateChunk(byte[] b, SplittableRandom r) {
        int from = r.nextInt(b.length) & ~3;
        int length = Math.min(4 * (1 + r.nextInt(6)), b.length - from);
        int to = r.nextInt(b.length + 1) & ~3;
        return concat(Arrays.copyOf(b, to), Arrays.copyOfRange(b, from, from + length),
                Arrays.copyOfRange(b, to, b.length));
    }

    private static byte[] deleteChunk(byte[] b, SplittableRandom r) {
        int from = r.nextInt(b.length);
        int to = Math.min(b.length, from + 1 + r.nextInt(12));
        return concat(Arrays.copyOf(b, from), Arrays.copyOfRange(b, to, b.length));
    }

    private static byte[] edit(byte[] b, int at, int value) {
        byte[] copy = b.clone();
        copy[at] = (byte) value;
        return copy;
    }

    private static byte[] randomBytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
