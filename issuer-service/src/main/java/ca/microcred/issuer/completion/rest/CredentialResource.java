package ca.microcred.issuer.completion.rest;

import ca.microcred.issuer.completion.repository.CredentialRepository;
import ca.microcred.support.problem.Problem;
import ca.microcred.support.problem.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public URL of every issued credential: whoever holds the (unguessable) URL may read the credential. */
@Path("/credentials")
@Tag(name = "Credentials")
public class CredentialResource {

    private final CredentialRepository credentials;

    public CredentialResource(CredentialRepository credentials) {
        this.credentials = credentials;
    }

    @GET
    @Path("{credentialId}")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A credential as issued (public, no token)",
            description = "The learner's Open Badges 3.0 OpenBadgeCredential exactly as issued. The recipient is a "
                    + "salted hash of the email, never the email itself." + CompletionResource.NOT_SIGNED)
    @APIResponse(responseCode = "200", description = "The credential (JSON-LD)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(responseCode = "404", description = "No credential has this id (or it is not issued yet)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("credentialId") String credentialId) {
        String json = credentials.findJson(credentialId)
                .orElseThrow(() -> ProblemException.notFound("Credential", credentialId));
        return Response.ok(json, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("{credentialId}.jwt")
    @PermitAll
    @Produces(VC_JWT)
    @Operation(summary = "A credential issued as a VC-JWT, in its compact form (public, no token)")
    @APIResponse(responseCode = "200", description = "The compact JWS (typ vc+jwt, alg EdDSA)",
            content = @Content(mediaType = VC_JWT))
    @APIResponse(responseCode = "404", description = "No credential has this id, or it was not issued as a VC-JWT",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response jwt(@PathParam("credentialId") String credentialId) {
        String jwt = credentials.findJwt(credentialId)
                .orElseThrow(() -> ProblemException.notFound("VC-JWT credential", credentialId));
        return Response.ok(jwt, VC_JWT).build();
    }

    static final String VC_JWT = "application/vc+jwt";
}
