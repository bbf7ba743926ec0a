package ca.microcred.notification.employer.rest;

import ca.microcred.notification.common.MergePatch;
import ca.microcred.notification.employer.Employer;
import ca.microcred.notification.employer.service.EmployerService;
import ca.microcred.support.problem.Problem;
import ca.microcred.support.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Employer profiles: who receives the notifications and in which language. */
@Path("/employers")
@Tag(name = "Employers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.EMPLOYER, Caller.OPERATOR})
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token's role may not do this",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class EmployerResource {

    private final EmployerService service;

    public EmployerResource(EmployerService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an employer profile",
            description = "An employer token creates its own profile (the employer_id claim); an operator names the id.")
    @APIResponse(responseCode = "201", description = "Created; Location names the profile",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EmployerView.class)))
    @APIResponse(responseCode = "400", description = "The body is not valid; violations lists every problem",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The employer already has a profile",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(EmployerRequest request, UriInfo uri) {
        Employer employer = service.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(employer.id).build())
                .entity(EmployerView.of(employer))
                .build();
    }

    @GET
    @Operation(summary = "List employer profiles", description = "Operators see all; an employer sees its own.")
    @APIResponse(responseCode = "200", description = "The profiles, by id")
    @APIResponse(responseCode = "400", description = "Invalid paging parameters",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<EmployerView> list(
            @QueryParam("offset") @DefaultValue("0") @Min(value = 0, message = "must be 0 or more") int offset,
            @QueryParam("limit") @DefaultValue("100") @Min(value = 1, message = "must be between 1 and 500")
            @Max(value = 500, message = "must be between 1 and 500") int limit) {
        return service.list(offset, limit).stream().map(EmployerView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read an employer profile")
    @APIResponse(responseCode = "200", description = "The profile",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EmployerView.class)))
    @APIResponse(responseCode = "404", description = "No such profile, or it belongs to another employer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EmployerView get(@PathParam("id") String id) {
        return EmployerView.of(service.visible(id));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace an employer profile")
    @APIResponse(responseCode = "200", description = "The updated profile",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EmployerView.class)))
    @APIResponse(responseCode = "400", description = "The body is not valid; violations lists every problem",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such profile, or it belongs to another employer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EmployerView update(@PathParam("id") String id, EmployerRequest request) {
        return EmployerView.of(service.update(id, request));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @Operation(summary = "Change some fields of an employer profile",
            description = "A JSON merge patch (RFC 7396): members given replace the stored ones, null clears one. "
                    + "The result is validated like a full replacement; the id cannot change.")
    @APIResponse(responseCode = "200", description = "The updated profile",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EmployerView.class)))
    @APIResponse(responseCode = "400", description = "The patch or its result is not valid; violations lists every "
            + "problem", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such profile, or it belongs to another employer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EmployerView patch(@PathParam("id") String id,
                              @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(
                                      content = @Content(mediaType = MergePatch.MEDIA_TYPE,
                                              schema = @Schema(implementation = EmployerRequest.class)))
                              String mergePatch) throws com.fasterxml.jackson.core.JsonProcessingException {
        return EmployerView.of(service.patch(id, mergePatch));
    }
}
