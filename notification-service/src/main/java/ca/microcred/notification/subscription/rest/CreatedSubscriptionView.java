package ca.microcred.notification.subscription.rest;

import ca.microcred.notification.subscription.Subscription;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** The answer to a creation: the only response that carries the signing secret. */
@Schema(name = "CreatedSubscription")
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record CreatedSubscriptionView(
        String id,
        String employerId,
        List<String> achievementIds,
        List<SkillCriterion> skills,
        List<String> occupations,
        List<String> providerIds,
        List<String> provinces,
        List<String> deliveryModes,
        List<String> languages,
        String channel,
        String webhookUrl,
        String email,
        String mode,
        @Schema(description = "Standard Webhooks signing secret (whsec_ + base64 key). Shown only in this response: "
                + "store it now to verify the webhook-signature header of every notification.")
        String secret,
        Instant createdAt) {

    public static CreatedSubscriptionView of(Subscription s) {
        SubscriptionView v = SubscriptionView.of(s);
        return new CreatedSubscriptionView(v.id(), v.employerId(), v.achievementIds(), v.skills(), v.occupations(),
                v.providerIds(), v.provinces(), v.deliveryModes(), v.languages(), v.channel(), v.webhookUrl(), v.email(), v.mode(), s.secret,
                v.createdAt());
    }
}
