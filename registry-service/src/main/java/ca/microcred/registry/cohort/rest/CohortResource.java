package ca.microcred.registry.cohort.rest;

import ca.microcred.registry.cohort.service.CohortRegistry;
import ca.microcred.registry.rest.RecordId;
import ca.microcred.support.problem.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Public figures of completed cohorts. */
@Path("/cohorts")
@Tag(name = "Cohorts")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class CohortResource {

    private final CohortRegistry registry;

    public CohortResource(CohortRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Path("/{cohortId}")
    @Operation(summary = "A completed cohort's figures",
            description = "Enrolled, completed and passed counts with the completion and pass rates. Learners are "
                    + "not listed.")
    @APIResponse(responseCode = "200", description = "The cohort's figures",
            content = @Content(schema = @Schema(implementation = CohortView.class)))
    @APIResponse(responseCode = "400", description = "The id cannot name a cohort",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The registry has no completion of this cohort",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CohortView get(@PathParam("cohortId") @RecordId String cohortId) {
        return CohortView.of(registry.get(cohortId));
    }
}
