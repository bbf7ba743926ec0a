package ca.microcred.issuer.revocation.rest;

import ca.microcred.issuer.revocation.StatusChange;
import ca.microcred.issuer.revocation.service.RevocationService;
import ca.microcred.support.problem.Problem;
import ca.microcred.support.problem.ProblemException;
import ca.microcred.support.security.Caller;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Revoking, suspending and reinstating an issued credential, and reading its status. Each change publishes
 * CredentialRevoked and shows in the provider's status lists at once.
 */
@Path("/credentials")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Revocation")
@APIResponse(responseCode = "404", description = "No credential has this id",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CredentialStatusResource {

    static final String BAD_REASON = "The reason is missing, blank or longer than 500 characters";
    static final String FORBIDDEN = "A token of another provider, or neither a provider nor an operator token";
    static final String CONFLICT = "Not allowed from the current status: revocation is final, only an active "
            + "credential can be suspended and only a suspended one reinstated";

    private final RevocationService revocations;

    public CredentialStatusResource(RevocationService revocations) {
        this.revocations = revocations;
    }

    @POST
    @Path("{credentialId}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.PROVIDER, Caller.OPERATOR})
    @Operation(summary = "Revoke a credential (its provider or an operator)",
            description = "Final: a revoked credential can be neither suspended nor reinstated. Sets its bit in the "
                    + "provider's revocation list and publishes CredentialRevoked (action REVOKED).")
    @APIResponse(responseCode = "200", description = "Revoked",
            content = @Content(schema = @Schema(implementation = CredentialStatusView.class)))
    @APIResponse(responseCode = "400", description = BAD_REASON,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = FORBIDDEN,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = CONFLICT,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CredentialStatusView revoke(@PathParam("credentialId") String credentialId,
                                       @Valid StatusChangeRequest request) {
        return change(credentialId, StatusChange.REVOKE, request);
    }

    @POST
    @Path("{credentialId}/suspend")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.PROVIDER, Caller.OPERATOR})
    @Operation(summary = "Suspend an active credential (its provider or an operator)",
            description = "Sets its bit in the provider's suspension list and publishes CredentialRevoked "
                    + "(action SUSPENDED); reinstate undoes it.")
    @APIResponse(responseCode = "200", description = "Suspended",
            content = @Content(schema = @Schema(implementation = CredentialStatusView.class)))
    @APIResponse(responseCode = "400", description = BAD_REASON,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = FORBIDDEN,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = CONFLICT,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CredentialStatusView suspend(@PathParam("credentialId") String credentialId,
                                        @Valid StatusChangeRequest request) {
        return change(credentialId, StatusChange.SUSPEND, request);
    }

    @POST
    @Path("{credentialId}/reinstate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.PROVIDER, Caller.OPERATOR})
    @Operation(summary = "Reinstate a suspended credential (its provider or an operator)",
            description = "Clears its bit in the provider's suspension list and publishes CredentialRevoked "
                    + "(action REINSTATED).")
    @APIResponse(responseCode = "200", description = "Active again",
            content = @Content(schema = @Schema(implementation = CredentialStatusView.class)))
    @APIResponse(responseCode = "400", description = BAD_REASON,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = FORBIDDEN,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = CONFLICT,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CredentialStatusView reinstate(@PathParam("credentialId") String credentialId,
                                          @Valid StatusChangeRequest request) {
        return change(credentialId, StatusChange.REINSTATE, request);
    }

    @GET
    @Path("{credentialId}/status")
    @PermitAll
    @Operation(summary = "A credential's status (public, no token)")
    @APIResponse(responseCode = "200", description = "The status",
            content = @Content(schema = @Schema(implementation = CredentialStatusView.class)))
    public CredentialStatusView status(@PathParam("credentialId") String credentialId) {
        return CredentialStatusView.of(revocations.get(credentialId));
    }

    private CredentialStatusView change(String credentialId, StatusChange change, StatusChangeRequest request) {
        if (request == null) {
            throw ProblemException.invalid(List.of(new Problem.Violation("reason", "must not be blank")));
        }
        return CredentialStatusView.of(revocations.change(credentialId, change, request.reason().trim()));
    }
}
