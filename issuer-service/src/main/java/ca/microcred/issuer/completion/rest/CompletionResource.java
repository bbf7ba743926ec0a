package ca.microcred.issuer.completion.rest;

import ca.microcred.issuer.completion.Completion;
import ca.microcred.issuer.completion.mapping.CompletionCsv;
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
import jakarta.ws.rs.QueryParam;
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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Cohort completions: a provider reports a cohort's results and its passed learners are issued credentials. */
@Path("/completions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Completions")
@APIResponse(responseCode = "401", description = "Missing or invalid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token is not a provider or operator token, or belongs to "
        + "another provider", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CompletionResource {

    static final String NOT_SIGNED = " Credentials are signed with the provider's did:web key (eddsa-rdfc-2022 Data "
            + "Integrity proof, or VC-JWT on request).";
    static final String TEXT_CSV = "text/csv";

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
            description = "Accepts the results of one cohort (one completion per cohort; accepting it closes the "
                    + "cohort) and issues a credential to every learner who passed, in the background; the answer "
                    + "lists the credential ids, URLs and LinkedIn add-to-profile links at once. The credentials "
                    + "embed the cohort's published achievement. CredentialIssued is published per credential and "
                    + "one CohortCompleted for the cohort, naming only graduates who consented to employer contact. "
                    + "Send an Idempotency-Key to retry safely: the same key and body answer the same completion and "
                    + "issue nothing new. The same results may be sent as text/csv." + NOT_SIGNED)
    @APIResponse(responseCode = "202", description = "Accepted; Location names the completion, which shows progress",
            headers = @Header(name = "Location", description = "URL of the completion"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CompletionView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; every problem is listed with its field path "
            + "(e.g. learners[3].email)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown cohort, or unknown achievement named in the request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The cohort is closed: it already has a completion",
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
        return answer(completions.accept(callerProvider(request.providerId()), idempotencyKey, request), uri);
    }

    @POST
    @Consumes(TEXT_CSV)
    @RolesAllowed({Caller.PROVIDER, Caller.OPERATOR})
    @Operation(summary = "Report a cohort's results as CSV",
            description = "The same as the JSON form, for results exported from a spreadsheet: UTF-8 text (a "
                    + "byte-order mark is allowed), comma or semicolon separated, RFC 4180 quoting, a header row, then "
                    + "one row per learner (at most 10,000). Columns, in any order: email, name, passed (required); "
                    + "grade, evidence_urls (portfolio links separated by spaces or |), consent_employer_contact "
                    + "(optional). Yes/no cells take true/false, yes/no, oui/non or 1/0. The cohort and options are "
                    + "query parameters. Every problem is answered at once with its line (the header is line 1) and "
                    + "column, e.g. \"line 7, column email\"; a CSV with any bad row is refused whole and nothing is "
                    + "issued. Bodies up to 4 MiB are accepted here." + NOT_SIGNED)
    @APIResponse(responseCode = "202", description = "Accepted; Location names the completion, which shows progress",
            headers = @Header(name = "Location", description = "URL of the completion"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CompletionView.class)))
    @APIResponse(responseCode = "400", description = "Invalid CSV or parameters; every problem is listed with its "
            + "line and column",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown cohort, or unknown achievement named in the request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The cohort is closed: it already has a completion",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The body is larger than 4 MiB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was already used for a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response acceptCsv(
            @Parameter(description = "Client-chosen key (1 to 200 visible ASCII characters) that makes retries safe; "
                    + "scoped to the provider")
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Parameter(description = "The cohort", required = true) @QueryParam("cohortId") String cohortId,
            @Parameter(description = "Optional; must be the cohort's achievement") @QueryParam("achievementId")
            String achievementId,
            @Parameter(description = "eddsa-rdfc-2022 (default) or vc-jwt") @QueryParam("proofFormat")
            String proofFormat,
            @Parameter(description = "Optional; a provider token may only name its own provider")
            @QueryParam("providerId") String providerId,
            @HeaderParam("Content-Type") String contentType,
            byte[] body, UriInfo uri) {
        if (contentType != null && !isUtf8(contentType)) {
            throw ProblemException.invalid(List.of(new Problem.Violation("Content-Type",
                    "the CSV must be UTF-8 (charset=utf-8, or no charset)")));
        }
        CompletionCsv csv = CompletionCsv.read(body == null ? new byte[0] : body, providerId, cohortId,
                achievementId, proofFormat);
        return answer(completions.accept(callerProvider(providerId), idempotencyKey, csv.request(), csv::present),
                uri);
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

    private Response answer(CompletionService.Accepted accepted, UriInfo uri) {
        Completion completion = accepted.completion();
        URI location = uri.getBaseUriBuilder().path("completions").path(completion.id()).build();
        Response.ResponseBuilder response = Response.accepted(
                CompletionView.of(completion, completions.issued(completion), config.publicBase())).location(location);
        if (accepted.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }

    /**
     * The provider whose cohort this must be: a provider token's own (naming another provider is refused), or
     * null for an operator, who may complete any provider's cohort.
     */
    private String callerProvider(String namedProvider) {
        if (namedProvider != null) {
            caller.requireProvider(namedProvider);
        }
        return caller.isOperator() ? null : caller.ownProviderId();
    }

    private static boolean isUtf8(String contentType) {
        Matcher charset = CHARSET.matcher(contentType);
        return !charset.find() || charset.group(1).equalsIgnoreCase("utf-8") || charset.group(1).equalsIgnoreCase("utf8");
    }

    private static final Pattern CHARSET = Pattern.compile("(?i)charset=\"?([^\";\\s]+)");
}
