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
        Mac mac = KEYED.get().macFor(secret);
        mac.update((webhookId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
        byte[] digest = mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        return SIGNATURE_VERSION + "," + Base64.getEncoder().encodeToString(digest);
    }

    /**
     * Each thread's HMAC, keyed with the secret it last signed with: looking up the algorithm and keying it cost
     * more than signing a notification, and consecutive attempts mostly go to the same subscription.
     */
    private static final ThreadLocal<KeyedMac> KEYED = ThreadLocal.withInitial(KeyedMac::new);

    private static final class KeyedMac {
        private final Mac mac;
        private String secret;

        KeyedMac() {
            try {
                mac = Mac.getInstance("HmacSHA256");
            } catch (GeneralSecurityException e) {
                // HmacSHA256 is mandatory in every Java runtime; a failure here is a broken JVM, not bad input
                throw new IllegalStateException("HmacSHA256 is unavailable", e);
            }
        }

        Mac macFor(String wanted) {
            if (!wanted.equals(secret)) {
                // forget the old key first: if the new one is refused, the next call must not sign with the old
                secret = null;
                try {
                    mac.init(new SecretKeySpec(keyOf(wanted), "HmacSHA256"));
                } catch (GeneralSecurityException e) {
                    throw new IllegalArgumentException("unusable signing secret", e);
                }
                secret = wanted;
            }
            // doFinal leaves the Mac keyed and reset, but an earlier call may have failed half-way
            mac.reset();
            return mac;
        }
    }

    private static byte[] keyOf(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }
}
