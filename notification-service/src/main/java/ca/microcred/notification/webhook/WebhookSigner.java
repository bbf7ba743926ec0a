package ca.microcred.notification.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets and signatures of the Standard Webhooks convention (https://www.standardwebhooks.com), so receivers can
 * verify notifications with any of its libraries: the secret is {@code whsec_} followed by the base64 of a random
 * key, and a signature is {@code v1,} followed by the base64 HMAC-SHA256, under that key, of
 * {@code <webhook-id>.<webhook-timestamp>.<body>}.
 */
public final class WebhookSigner {

    public static final String SECRET_PREFIX = "whsec_";
    public static final String SIGNATURE_VERSION = "v1";

    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSigner() {
    }

    /** A fresh secret holding a 256-bit key. */
    public static String newSecret() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The {@code webhook-signature} header value for one attempt. */
    public static String sign(String secret, String webhookId, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keyOf(secret), "HmacSHA256"));
            byte[] digest = mac.doFinal((webhookId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return SIGNATURE_VERSION + "," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is mandatory in every Java runtime; a failure here is a broken JVM, not bad input
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static byte[] keyOf(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }
}
