package ca.microcred.notification.subscription.rest;

import ca.microcred.notification.common.MergePatch;
import ca.microcred.notification.matching.service.CohortMatcher;
import ca.microcred.notification.subscription.Subscription;
import ca.microcred.notification.subscription.service.SubscriptionService;
import ca.microcred.support.problem.Problem;
import ca.microcred.support.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Optional;

/** Employers' subscriptions to new graduates of chosen micro-credentials, delivered as signed webhooks. */
@Path("/subscriptions")
@Tag(name = "Subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.EMPLOYER, Caller.OPERATOR})
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token's role may not do this",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class SubscriptionResource {

    private final SubscriptionService service;

    private final CohortMatcher matcher;

    public SubscriptionResource(SubscriptionService service, CohortMatcher matcher) {
        this.service = service;
        this.matcher = matcher;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.EMPLOYER)
    @Operation(summary = "Subscribe to new graduates",
            description = "An employer token subscribes its own organisation (the employer_id claim). Whenever a cohort "
                    + "of one of the listed achievements completes, the service posts one signed CloudEvents "
                    + "notification to the webhook URL (Standard Webhooks headers webhook-id, webhook-timestamp, "
                    + "webhook-signature). The answer carries the signing secret; it is never shown again.")
    @APIResponse(responseCode = "201", description = "Created; Location names the new subscription",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CreatedSubscriptionView.class)))
    @APIResponse(responseCode = "400", description = "The body is not valid; violations lists every problem",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(CreateSubscriptionRequest request, UriInfo uri) {
        Subscription subscription = service.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(subscription.id).build())
                .entity(CreatedSubscriptionView.of(subscription))
                .build();
    }

    @GET
    @Operation(summary = "List subscriptions",
            description = "An employer sees its own subscriptions; an operator sees every employer's, or one "
                    + "employer's with employerId. Oldest first.")
    @APIResponse(responseCode = "200", description = "The subscriptions, without their secrets")
    @APIResponse(responseCode = "400", description = "Invalid paging parameters",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<SubscriptionView> list(
            @Parameter(description = "Operators: only this employer's subscriptions") @QueryParam("employerId")
            String employerId,
            @QueryParam("offset") @DefaultValue("0") @Min(value = 0, message = "must be 0 or more") int offset,
            @QueryParam("limit") @DefaultValue("100") @Min(value = 1, message = "must be between 1 and 500")
            @Max(value = 500, message = "must be between 1 and 500") int limit) {
        return service.list(Optional.ofNullable(employerId).filter(id -> !id.isBlank()), offset, limit).stream()
                .map(SubscriptionView::of)
                .toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a subscription")
    @APIResponse(responseCode = "200", description = "The subscription, without its secret",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "404", description = "No such subscription, or it belongs to another employer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SubscriptionView get(@PathParam("id") String id) {
        return SubscriptionView.of(service.visible(id));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a subscription's criteria, target and mode",
            description = "Same body as the creation; the channel, secret and pause state stay. Cohorts are matched "
                    + "against the new criteria as soon as the answer is sent.")
    @APIResponse(responseCode = "200", description = "The updated subscription",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "400", description = "The body is not valid; violations lists every problem",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such subscription, or it belongs to another employer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Changed by another request meanwhile; read it and retry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SubscriptionView update(@PathParam("id") String id, CreateSubscriptionRequest request) {
        return SubscriptionView.of(service.update(id, request));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @Operation(summary = "Change some of a subscription's criteria, target or mode",
            description = "A JSON merge patch (RFC 7396) of the creation body: members given replace the stored ones, "
                    + "null clears one (e.g. {\"provinces\": null}). The result is validated like a full replacement; "
                    + "the channel cannot change.")
    @APIResponse(responseCode = "200", description = "The updated subscription",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "400", description = "The patch or its result is not valid; violations lists every "
            + "problem", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such subscription, or it belongs to another employer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Changed by another request meanwhile; read it and retry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SubscriptionView patch(@PathParam("id") String id,
                                  @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(
                                          content = @Content(mediaType = MergePatch.MEDIA_TYPE,
                                                  schema = @Schema(implementation = CreateSubscriptionRequest.class)))
                                  String mergePatch) throws com.fasterxml.jackson.core.JsonProcessingException {
        return SubscriptionView.of(service.patch(id, mergePatch));
    }

    @POST
    @Path("/{id}/pause")
    @Operation(summary = "Pause a subscription", description = "No new cohort matches it until it is resumed.")
    @APIResponse(responseCode = "200", description = "The paused subscription")
    @APIResponse(responseCode = "404", description = "No such subscription, or it belongs to another employer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SubscriptionView pause(@PathParam("id") String id) {
        return SubscriptionView.of(service.setPaused(id, true));
    }

    @POST
    @Path("/{id}/resume")
    @Operation(summary = "Resume a paused subscription", description = "Cohorts completed while paused are not sent.")
    @APIResponse(responseCode = "200", description = "The active subscription")
    @APIResponse(responseCode = "404", description = "No such subscription, or it belongs to another employer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SubscriptionView resume(@PathParam("id") String id) {
        return SubscriptionView.of(service.setPaused(id, false));
    }

    @POST
    @Path("/{id}/secret/rotate")
    @Operation(summary = "Rotate the signing secret",
            description = "Answers the new secret, shown only here. For 24 hours webhooks carry two signatures "
                    + "(webhook-signature: v1,<new> v1,<old>), so the receiver can switch without losing any.")
    @APIResponse(responseCode = "200", description = "The new secret")
    @APIResponse(responseCode = "404", description = "No such subscription, or it belongs to another employer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "An email subscription has no secret",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RotatedSecretView rotate(@PathParam("id") String id) {
        Subscription rotated = service.rotateSecret(id);
        return new RotatedSecretView(rotated.id, rotated.secret, rotated.previousSecretExpiresAt);
    }

    @POST
    @Path("/{id}/test")
    @Operation(summary = "Send a test notification",
            description = "Queues a sample cohort notification (cohortId test-…) through the subscription's channel; "
                    + "follow it in the delivery log.")
    @APIResponse(responseCode = "202", description = "Queued; deliveryId names it in the delivery log")
    @APIResponse(responseCode = "404", description = "No such subscription, or it belongs to another employer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response test(@PathParam("id") String id) {
        String deliveryId = matcher.sendTest(service.visible(id));
        return Response.accepted(java.util.Map.of("deliveryId", deliveryId)).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a subscription",
            description = "Stops future notifications and cancels the ones not delivered yet.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such subscription, or it belongs to another employer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void delete(@PathParam("id") String id) {
        service.delete(id);
    }
}
