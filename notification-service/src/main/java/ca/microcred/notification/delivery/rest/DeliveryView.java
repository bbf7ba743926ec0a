package ca.microcred.notification.delivery.rest;

import ca.microcred.notification.delivery.Delivery;
import ca.microcred.notification.delivery.DeliveryAttempt;
import ca.microcred.notification.delivery.DeliveryStatus;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * One notification of the delivery log and every attempt made to deliver it.
 *
 * @param id            also the webhook-id header the receiver saw
 * @param nextAttemptAt when the next attempt is due, while PENDING
 * @param digestDay     for a daily digest, its day; cohortIds then lists the cohorts it carries
 */
@Schema(name = "Delivery")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryView(String id, String subscriptionId, String cohortId, String achievementId,
                           String digestDay, List<String> cohortIds, DeliveryStatus status, Instant createdAt, Instant nextAttemptAt, Instant deliveredAt,
                           Instant failedAt, List<Attempt> attempts) {

    /** @param statusCode the receiver's HTTP status; absent when no answer came */
    @Schema(name = "DeliveryAttempt")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attempt(Instant time, Integer statusCode, long latencyMs, String error) {

        static Attempt of(DeliveryAttempt attempt) {
            return new Attempt(attempt.time, attempt.statusCode, attempt.latencyMs, attempt.error);
        }
    }

    public static DeliveryView of(Delivery delivery) {
        List<Attempt> attempts = delivery.attempts == null ? List.of()
                : delivery.attempts.stream().map(Attempt::of).toList();
        return new DeliveryView(delivery.id, delivery.subscriptionId, delivery.cohortId, delivery.achievementId,
                delivery.digestDay, delivery.cohortIds, delivery.status, delivery.createdAt,
                delivery.status == DeliveryStatus.PENDING ? delivery.nextAttemptAt : null,
                delivery.deliveredAt, delivery.failedAt, attempts);
    }
}
