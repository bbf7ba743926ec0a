package ca.microcred.issuer.completion.rest;

import ca.microcred.issuer.completion.Completion;
import ca.microcred.issuer.completion.service.CompletionService;
import ca.microcred.issuer.config.IssuerConfig;
import ca.microcred.support.problem.Problem;
import ca.microcred.support.problem.ProblemException;
import ca.microcred.support.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

/** Cohort completions: a provider reports a cohort's results and its passed learners are issued credentials. */
@Path("/completions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Completions")
@APIResponse(responseCode = "401", description = "Missing or invalid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token is not a provider or operator token, or belongs to "
        + "another provider", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CompletionResource {

    static final String NOT_SIGNED = " Credentials of a provider registered in this service are signed with its "
            + "did:web key (eddsa-rdfc-2022 Data Integrity proof, or VC-JWT on request). Those of a provider that is "
            + "not registered here carry no proof (CredentialIssued says proofFormat \"none\") and are not "
            + "cryptographically verifiable.";

    private final CompletionService completions;
    private final Caller caller;
    private final IssuerConfig config;

    public CompletionResource(CompletionService completions, Caller caller, IssuerConfig config) {
        this.completions = completions;
        this.caller = caller;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.PROVIDER, Caller.OPERATOR})
    @Operation(summary = "Report a cohort's results",
            description = "Accepts the results of one cohort (one completion per cohort) and issues a credential to "
                    + "every learner who passed, in the background; the answer lists the credential ids and URLs "
                    + "at once. CredentialIssued is published per credential and one CohortCompleted for the "
                    + "cohort, naming only graduates who consented to employer contact. Send an Idempotency-Key "
                    + "to retry safely: the same key and body answer the same completion and issue nothing new."
                    + NOT_SIGNED)
    @APIResponse(responseCode = "202", description = "Accepted; Location names the completion, which shows progress",
            headers = @Header(name = "Location", description = "URL of the completion"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CompletionView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; every problem is listed with its field path "
            + "(e.g. learners[3].email)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The cohort already has a completion (it is closed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The body is larger than 1 MiB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was already used for a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response accept(
            @Parameter(description = "Client-chosen key (1 to 200 visible ASCII characters) that makes retries safe; "
                    + "scoped to the provider")
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            CompletionRequest request, UriInfo uri) {
        if (request == null) {
            throw ProblemException.badRequest("A JSON body is required");
        }
        CompletionService.Accepted accepted = completions.accept(providerFor(request), idempotencyKey, request);
        Completion completion = accepted.completion();
        URI location = uri.getBaseUriBuilder().path("completions").path(completion.id()).build();
        Response.ResponseBuilder response = Response.accepted(
                CompletionView.of(completion, completions.issued(completion), config.publicBase())).location(location);
        if (accepted.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }

    @GET
    @Path("{completionId}")
    @RolesAllowed({Caller.PROVIDER, Caller.OPERATOR})
    @Operation(summary = "A completion and its progress",
            description = "Readable by the provider it belongs to and by operators." + NOT_SIGNED)
    @APIResponse(responseCode = "200", description = "The completion",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CompletionView.class)))
    @APIResponse(responseCode = "404", description = "Unknown completion",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CompletionView get(@PathParam("completionId") String completionId) {
        Completion completion = completions.get(completionId);
        caller.requireProvider(completion.providerId());
        return CompletionView.of(completion, completions.issued(completion), config.publicBase());
    }

    /**
     * A provider token acts for its own provider (naming another is refused); an operator names the provider in
     * the body, and null here makes the request invalid.
     */
    private String providerFor(CompletionRequest request) {
        if (request.providerId() != null) {
            caller.requireProvider(request.providerId());
            return request.providerId();
        }
        if (caller.isOperator()) {
            return caller.providerId().orElse(null);
        }
        return caller.ownProviderId();
    }
}
