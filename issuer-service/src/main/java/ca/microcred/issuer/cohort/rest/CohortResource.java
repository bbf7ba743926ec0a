package ca.microcred.issuer.cohort.rest;

import ca.microcred.issuer.cohort.Cohort;
import ca.microcred.issuer.cohort.service.CohortService;
import ca.microcred.support.problem.Problem;
import ca.microcred.support.problem.ProblemException;
import ca.microcred.support.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Runs of a micro-credential. */
@Path("/providers/{providerId}/achievements/{achievementId}/cohorts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.PROVIDER, Caller.OPERATOR})
@Tag(name = "Cohorts")
@APIResponse(responseCode = "400", description = "Invalid cohort; every problem is listed",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "Missing or invalid token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token may not act for this provider",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "Unknown achievement or cohort",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CohortResource {

    private final CohortService cohorts;
    private final Caller caller;

    public CohortResource(CohortService cohorts, Caller caller) {
        this.cohorts = cohorts;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Schedule a cohort of a published micro-credential")
    @APIResponse(responseCode = "201", description = "Scheduled; Location names it",
            content = @Content(schema = @Schema(implementation = CohortView.class)))
    @APIResponse(responseCode = "409", description = "The micro-credential is still a draft",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@PathParam("providerId") String providerId, @PathParam("achievementId") String achievementId,
                           CohortRequest request, UriInfo uri) {
        caller.requireProvider(providerId);
        if (request == null) {
            throw ProblemException.badRequest("A JSON body is required");
        }
        Cohort cohort = cohorts.create(providerId, achievementId, request.toDetails());
        return Response.created(uri.getAbsolutePathBuilder().path(cohort.id()).build())
                .entity(CohortView.of(cohort)).build();
    }

    @GET
    @Operation(summary = "List the micro-credential's cohorts")
    public List<CohortView> list(@PathParam("providerId") String providerId,
                                 @PathParam("achievementId") String achievementId,
                                 @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
                                 @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        caller.requireProvider(providerId);
        return cohorts.list(providerId, achievementId, offset, limit).stream().map(CohortView::of).toList();
    }

    @GET
    @Path("{cohortId}")
    @Operation(summary = "Read a cohort")
    public CohortView get(@PathParam("providerId") String providerId, @PathParam("achievementId") String achievementId,
                          @PathParam("cohortId") String cohortId) {
        caller.requireProvider(providerId);
        return CohortView.of(cohorts.get(providerId, achievementId, cohortId));
    }
}
