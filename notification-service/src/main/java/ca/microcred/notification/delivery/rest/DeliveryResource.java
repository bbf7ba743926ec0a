package ca.microcred.notification.delivery.rest;

import ca.microcred.notification.delivery.Delivery;
import ca.microcred.notification.delivery.repository.DeliveryRepository;
import ca.microcred.notification.delivery.service.DeliveryDispatcher;
import ca.microcred.support.problem.ProblemException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import ca.microcred.notification.subscription.Subscription;
import ca.microcred.notification.subscription.service.SubscriptionService;
import ca.microcred.support.problem.Problem;
import ca.microcred.support.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The delivery log of one subscription. */
@Path("/subscriptions/{subscriptionId}/deliveries")
@Tag(name = "Subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.EMPLOYER, Caller.OPERATOR})
public class DeliveryResource {

    private final SubscriptionService subscriptions;
    private final DeliveryRepository deliveries;

    private final DeliveryDispatcher dispatcher;

    public DeliveryResource(SubscriptionService subscriptions, DeliveryRepository deliveries,
                            DeliveryDispatcher dispatcher) {
        this.dispatcher = dispatcher;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
    }

    @GET
    @Operation(summary = "List a subscription's deliveries",
            description = "Every notification owed to the subscription, newest first, with each attempt's time, "
                    + "HTTP status, latency and error. Statuses: PENDING (waiting for an attempt or a retry), "
                    + "DELIVERED (the receiver answered 2xx), FAILED (the retry schedule ran out), CANCELLED "
                    + "(the subscription was deleted first).")
    @APIResponse(responseCode = "200", description = "The deliveries")
    @APIResponse(responseCode = "400", description = "Invalid paging parameters",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token's role may not do this",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such subscription, or it belongs to another employer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<DeliveryView> list(
            @PathParam("subscriptionId") String subscriptionId,
            @QueryParam("offset") @DefaultValue("0") @Min(value = 0, message = "must be 0 or more") int offset,
            @QueryParam("limit") @DefaultValue("100") @Min(value = 1, message = "must be between 1 and 500")
            @Max(value = 500, message = "must be between 1 and 500") int limit) {
        Subscription subscription = subscriptions.visible(subscriptionId);
        return deliveries.listBySubscription(subscription.id, offset, limit).stream()
                .map(DeliveryView::of)
                .toList();
    }

    @POST
    @Path("/{deliveryId}/redeliver")
    @Operation(summary = "Redeliver a notification",
            description = "Sends a delivered, failed or cancelled notification again, with the same webhook-id and "
                    + "body and a fresh retry schedule.")
    @APIResponse(responseCode = "202", description = "Queued")
    @APIResponse(responseCode = "404", description = "No such subscription or delivery",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The delivery is still pending",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response redeliver(@PathParam("subscriptionId") String subscriptionId,
                              @PathParam("deliveryId") String deliveryId) {
        Subscription subscription = subscriptions.visible(subscriptionId);
        Delivery delivery = deliveries.findByIdOptional(deliveryId)
                .filter(d -> subscription.id.equals(d.subscriptionId))
                .orElseThrow(() -> ProblemException.notFound("Delivery", deliveryId));
        if (!deliveries.redeliver(delivery.id, Instant.now())) {
            throw ProblemException.conflict("Delivery '" + deliveryId + "' is still pending");
        }
        dispatcher.wakeUp();
        return Response.accepted().build();
    }
}
