package ca.microcred.notification.subscription.rest;

import ca.microcred.notification.subscription.Subscription;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** The answer to a creation: the only response that carries the signing secret. */
@Schema(name = "CreatedSubscription")
public record CreatedSubscriptionView(
        String id,
        String employerId,
        List<String> achievementIds,
        String webhookUrl,
        @Schema(description = "Standard Webhooks signing secret (whsec_ + base64 key). Shown only in this response: "
                + "store it now to verify the webhook-signature header of every notification.")
        String secret,
        Instant createdAt) {

    public static CreatedSubscriptionView of(Subscription subscription) {
        return new CreatedSubscriptionView(subscription.id, subscription.employerId,
                List.copyOf(subscription.achievementIds), subscription.webhookUrl, subscription.secret,
                subscription.createdAt);
    }
}
