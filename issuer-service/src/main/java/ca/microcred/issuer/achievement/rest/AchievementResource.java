package ca.microcred.issuer.achievement.rest;

import ca.microcred.issuer.achievement.Achievement;
import ca.microcred.issuer.achievement.service.AchievementService;
import ca.microcred.issuer.provider.Violations;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** A provider's micro-credentials: drafted, edited, then published to the catalogue. */
@Path("/providers/{providerId}/achievements")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.PROVIDER, Caller.OPERATOR})
@Tag(name = "Micro-credentials")
@APIResponse(responseCode = "400", description = "Invalid definition; every problem is listed with its field path",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "Missing or invalid token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token may not act for this provider",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "Unknown provider or achievement",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AchievementResource {

    private final AchievementService achievements;
    private final Caller caller;

    public AchievementResource(AchievementService achievements, Caller caller) {
        this.achievements = achievements;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Draft a micro-credential", description = "Validates every element and answers with the "
            + "framework report (the five must-haves, and what is missing in English and French).")
    @APIResponse(responseCode = "201", description = "Drafted; Location names it",
            content = @Content(schema = @Schema(implementation = AchievementView.class)))
    public Response create(@PathParam("providerId") String providerId, AchievementRequest request, UriInfo uri) {
        caller.requireProvider(providerId);
        Violations violations = new Violations();
        Achievement created = achievements.create(providerId, requireBody(request).toDefinition(violations), violations);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build())
                .entity(view(created)).build();
    }

    @GET
    @Operation(summary = "List the provider's micro-credentials")
    public List<AchievementView> list(@PathParam("providerId") String providerId,
                                      @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
                                      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        caller.requireProvider(providerId);
        return achievements.list(providerId, offset, limit).stream().map(this::view).toList();
    }

    @GET
    @Path("{achievementId}")
    @Operation(summary = "Read a micro-credential with its framework report")
    public AchievementView get(@PathParam("providerId") String providerId,
                               @PathParam("achievementId") String achievementId) {
        caller.requireProvider(providerId);
        return view(achievements.get(providerId, achievementId));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("{achievementId}")
    @Operation(summary = "Replace a micro-credential's definition", description = "A published micro-credential "
            + "stays published; publish again to announce the new version.")
    public AchievementView update(@PathParam("providerId") String providerId,
                                  @PathParam("achievementId") String achievementId, AchievementRequest request) {
        caller.requireProvider(providerId);
        Violations violations = new Violations();
        return view(achievements.update(providerId, achievementId, requireBody(request).toDefinition(violations),
                violations));
    }

    @POST
    @Path("{achievementId}/publish")
    @Operation(summary = "Publish the current version", description = "Makes it public and emits "
            + "AchievementPublished; publishing an unchanged version again emits nothing.")
    public AchievementView publish(@PathParam("providerId") String providerId,
                                   @PathParam("achievementId") String achievementId) {
        caller.requireProvider(providerId);
        return view(achievements.publish(providerId, achievementId));
    }

    private AchievementView view(Achievement achievement) {
        return AchievementView.of(achievement, achievements.publicUrl(achievement.id()));
    }

    private static AchievementRequest requireBody(AchievementRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("A JSON body is required");
        }
        return request;
    }
}
