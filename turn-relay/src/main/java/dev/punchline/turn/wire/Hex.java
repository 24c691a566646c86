package dev.punchline.turn.wire;

import java.util.HexFormat;

/** Hex rendering for records that hold raw bytes, whose default toString would print an array identity. */
final class Hex {
    private static final HexFormat FORMAT = HexFormat.of();

    private Hex() {
    }

    static String of(byte[] bytes) {
        return FORMAT.formatHex(bytes);
    }
}
