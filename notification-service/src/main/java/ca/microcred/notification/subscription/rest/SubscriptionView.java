package ca.microcred.notification.subscription.rest;

import ca.microcred.notification.subscription.Subscription;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** A subscription as listed and read; the signing secret is never shown again after creation. */
@Schema(name = "Subscription")
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record SubscriptionView(String id, String employerId, List<String> achievementIds, List<SkillCriterion> skills,
                               List<String> occupations, List<String> providerIds, List<String> provinces,
                               List<String> deliveryModes, List<String> languages, String channel, String webhookUrl,
                               String email, String mode, boolean paused, Instant createdAt) {

    public static SubscriptionView of(Subscription s) {
        return new SubscriptionView(s.id, s.employerId, copy(s.achievementIds),
                copy(s.skills).stream().map(SkillCriterion::parse).toList(), copy(s.occupations),
                copy(s.providerIds), copy(s.provinces), copy(s.deliveryModes), copy(s.languages),
                s.channelOrDefault().name().toLowerCase(java.util.Locale.ROOT), s.webhookUrl, s.email, s.modeOrDefault().apiName, s.paused,
                s.createdAt);
    }

    static List<String> copy(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
