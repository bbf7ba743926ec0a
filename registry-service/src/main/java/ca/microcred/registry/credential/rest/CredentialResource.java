package ca.microcred.registry.credential.rest;

import ca.microcred.registry.credential.service.CredentialRegistry;
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

/** Public lookup of a credential's record. */
@Path("/credentials")
@Tag(name = "Credentials")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class CredentialResource {

    private final CredentialRegistry registry;

    public CredentialResource(CredentialRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Path("/{credentialId}")
    @Operation(summary = "Look up a credential",
            description = "The credential's achievement, provider, cohort, issue date and current status (ACTIVE, "
                    + "SUSPENDED or REVOKED, with the issuer's reason and date). Nothing about the learner. The "
                    + "registry records what the issuer published; this answer does not check the credential's proof.")
    @APIResponse(responseCode = "200", description = "The credential's summary",
            content = @Content(schema = @Schema(implementation = CredentialSummary.class)))
    @APIResponse(responseCode = "400", description = "The id cannot name a credential",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The registry has no issued credential with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CredentialSummary get(@PathParam("credentialId") @RecordId String credentialId) {
        return CredentialSummary.of(registry.summary(credentialId));
    }
}
