package ca.microcred.registry.credential.rest;

import ca.microcred.registry.config.RegistryConfig;
import ca.microcred.registry.credential.service.CredentialRegistry;
import ca.microcred.registry.rest.Paging;
import ca.microcred.registry.rest.RecordId;
import ca.microcred.support.problem.Problem;
import ca.microcred.support.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Full credential records, recipient hash and document as issued included: registry operators only. */
@Path("/operator/credentials")
@Tag(name = "Operator")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Caller.OPERATOR)
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token lacks the operator role",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class OperatorCredentialResource {

    static final String RECIPIENT_HASH = "sha256\\$[0-9a-fA-F]{64}";

    private final CredentialRegistry registry;
    private final RegistryConfig config;

    public OperatorCredentialResource(CredentialRegistry registry, RegistryConfig config) {
        this.registry = registry;
        this.config = config;
    }

    @GET
    @Path("/{credentialId}")
    @Operation(summary = "A credential's full record",
            description = "Everything the registry holds on the credential: the issuance facts, the learner's "
                    + "salted identity hash, the credential document exactly as issued, and every status decision.")
    @APIResponse(responseCode = "200", description = "The record",
            content = @Content(schema = @Schema(implementation = CredentialRecordView.class)))
    @APIResponse(responseCode = "400", description = "The id cannot name a credential",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The registry has no issued credential with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CredentialRecordView get(@PathParam("credentialId") @RecordId String credentialId) {
        return CredentialRecordView.of(registry.get(credentialId));
    }

    @GET
    @Operation(summary = "A learner's credentials",
            description = "The records of every credential issued to the recipient identity hash, newest first.")
    @APIResponse(responseCode = "200", description = "One page of records and the total count",
            content = @Content(schema = @Schema(implementation = CredentialRecordPage.class)))
    @APIResponse(responseCode = "400", description = "A missing or malformed hash, or paging out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CredentialRecordPage byRecipient(
            @Parameter(description = "sha256$ followed by 64 hex digits, as in the credential's IdentityObject")
            @QueryParam("recipientHash") @NotNull(message = "is required") @Pattern(regexp = RECIPIENT_HASH,
                    message = "must be sha256$ followed by 64 hex digits") String recipientHash,
            @Parameter(description = "Zero-based page number", schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "0", defaultValue = "0"))
            @QueryParam("page") String page,
            @Parameter(description = "Records per page; microcred.registry.paging.default-size when absent, at most "
                    + "microcred.registry.paging.max-size", schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
            @QueryParam("size") String size) {
        Paging paging = Paging.of(page, size, config.paging());
        List<CredentialRecordView> items = registry.byRecipient(recipientHash, paging.page(), paging.size()).stream()
                .map(CredentialRecordView::of)
                .toList();
        return new CredentialRecordPage(items, paging.page(), paging.size(), registry.countByRecipient(recipientHash));
    }
}
