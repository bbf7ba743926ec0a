package ca.microcred.notification.webhook;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookSignerTest {

    @Test
    void signsLikeTheStandardWebhooksReferenceVector() {
        // the test vector of the Standard Webhooks specification's reference libraries
        String signature = WebhookSigner.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L, "{\"test\": 2432232314}");

        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    @Test
    void aChangedBodyIdOrTimestampChangesTheSignature() {
        String secret = WebhookSigner.newSecret();
        String original = WebhookSigner.sign(secret, "sub:cohort", 1700000000L, "{\"a\":1}");

        assertNotEquals(original, WebhookSigner.sign(secret, "sub:cohort", 1700000000L, "{\"a\":2}"));
        assertNotEquals(original, WebhookSigner.sign(secret, "sub:other", 1700000000L, "{\"a\":1}"));
        assertNotEquals(original, WebhookSigner.sign(secret, "sub:cohort", 1700000001L, "{\"a\":1}"));
        assertNotEquals(original, WebhookSigner.sign(WebhookSigner.newSecret(), "sub:cohort", 1700000000L, "{\"a\":1}"));
    }

    @Test
    void newSecretsAreDistinctStandardWebhooksSecretsWithA256BitKey() {
        String first = WebhookSigner.newSecret();
        String second = WebhookSigner.newSecret();

        assertNotEquals(first, second);
        for (String secret : new String[]{first, second}) {
            assertTrue(secret.startsWith("whsec_"), secret);
            assertEquals(32, Base64.getDecoder().decode(secret.substring("whsec_".length())).length);
        }
    }
}
