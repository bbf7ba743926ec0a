package ca.microcred.notification.subscription.rest;

import ca.microcred.notification.subscription.Subscription;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** A subscription as listed and read; the signing secret is never shown again after creation. */
@Schema(name = "Subscription")
public record SubscriptionView(String id, String employerId, List<String> achievementIds, String webhookUrl,
                               Instant createdAt) {

    public static SubscriptionView of(Subscription subscription) {
        return new SubscriptionView(subscription.id, subscription.employerId, List.copyOf(subscription.achievementIds),
                subscription.webhookUrl, subscription.createdAt);
    }
}
