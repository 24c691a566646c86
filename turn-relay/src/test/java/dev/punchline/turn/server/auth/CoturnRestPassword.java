package dev.punchline.turn.server.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A TURN REST password computed the way coturn's documentation tells a web service to, outside
 * the code under test: {@code echo -n $user | openssl dgst -binary -sha1 -hmac $secret | base64}.
 * Where openssl is missing, the same HMAC through javax.crypto.
 */
final class CoturnRestPassword {
    private static final String PIPELINE = "command -v openssl >/dev/null || exit 127; "
            + "printf %s \"$TURN_USER\" | openssl dgst -binary -sha1 -hmac \"$TURN_SECRET\" | base64";

    private CoturnRestPassword() {
    }

    static String of(String secret, String username) {
        String fromOpenssl = viaOpenssl(secret, username);
        return fromOpenssl != null ? fromOpenssl : viaJavaxCrypto(secret, username);
    }

    static boolean opensslAvailable() {
        return viaOpenssl("probe", "probe") != null;
    }

    private static String viaOpenssl(String secret, String username) {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", PIPELINE).redirectErrorStream(true);
        pb.environment().put("TURN_USER", username);
        pb.environment().put("TURN_SECRET", secret);
        try {
            Process process = pb.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0 || out.isEmpty()) {
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String viaJavaxCrypto(String secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
