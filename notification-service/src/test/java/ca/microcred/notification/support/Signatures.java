package ca.microcred.notification.support;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * What an employer's receiver does with a notification, written independently of the service's signer:
 * recompute the Standard Webhooks signature and compare it in constant time.
 */
public final class Signatures {

    private Signatures() {
    }

    public static boolean verify(String secret, WebhookReceiver.Received request) {
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            String signed = request.header("webhook-id") + "." + request.header("webhook-timestamp") + "." + request.body();
            byte[] expected = mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
            // the header may carry several space-separated signatures (e.g. during a secret rotation)
            for (String candidate : request.header("webhook-signature").split(" ")) {
                if (candidate.startsWith("v1,") && MessageDigest.isEqual(expected,
                        Base64.getDecoder().decode(candidate.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            throw new IllegalStateException("cannot verify", e);
        }
    }
}
