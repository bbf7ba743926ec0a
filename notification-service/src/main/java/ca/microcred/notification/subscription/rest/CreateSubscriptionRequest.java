package ca.microcred.notification.subscription.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** What an employer sends to subscribe. */
@Schema(name = "CreateSubscription")
public record CreateSubscriptionRequest(
        @Schema(description = "Micro-credentials (achievement ids) whose completed cohorts the employer wants to hear "
                + "about; at least one", examples = "[\"ach-data-analytics\"]", required = true)
        @NotEmpty(message = "must list at least one achievement id")
        @Size(max = 100, message = "must list at most 100 achievement ids")
        List<@NotBlank(message = "must not be blank") @Size(max = 200, message = "must be at most 200 characters") String> achievementIds,

        @Schema(description = "Where notifications are posted: an https URL whose host resolves to public addresses "
                + "only", examples = "https://hr.example.ca/hooks/microcred", required = true)
        @NotBlank(message = "must not be blank")
        String webhookUrl) {
}
