package dev.punchline.turn.wire;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * RFC 8489 §14.5-14.7 computed the plain way — copy the bytes, patch the length field, hash — as an
 * independent check of the codec's in-place computation (RFC 5769 has no MESSAGE-INTEGRITY-SHA256 vector).
 */
final class HmacOracle {
    private HmacOracle() {
    }

    /**
     * The HMAC of {@code message[0, attributeAt)} with the length field set to end after an attribute of
     * {@code valueLength} bytes.
     */
    static byte[] hmac(String jcaName, byte[] key, byte[] message, int attributeAt, int valueLength) throws Exception {
        byte[] covered = Arrays.copyOf(message, attributeAt);
        int length = attributeAt - 20 + 4 + valueLength;
        covered[2] = (byte) (length >> 8);
        covered[3] = (byte) length;
        Mac mac = Mac.getInstance(jcaName);
        mac.init(new SecretKeySpec(key, jcaName));
        return mac.doFinal(covered);
    }

    /** FINGERPRINT's value for a message whose last 8 bytes are the FINGERPRINT attribute. */
    static int fingerprint(byte[] message) {
        CRC32 crc = new CRC32();
        crc.update(message, 0, message.length - 8);
        return (int) crc.getValue() ^ 0x5354554e;
    }
}
