package ca.microcred.verification.verify.rest;

import ca.microcred.support.problem.Problem;
import ca.microcred.support.problem.ProblemException;
import ca.microcred.verification.verify.CheckResult;
import ca.microcred.verification.verify.Outcome;
import ca.microcred.verification.verify.Verification;
import ca.microcred.verification.verify.service.CredentialJson;
import ca.microcred.verification.verify.service.CredentialVerifier;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * The W3C VC API verifier endpoint, so standard verifier test suites and wallets can drive this service. The same
 * checks as {@code POST /verifications} run; the answer is in the VC API's shape: the checks that ran, and each
 * warning and error as a problem detail. 200 when verified, 400 with the errors when not.
 */
@Path("/credentials/verify")
@Tag(name = "VC API")
@PermitAll
public class VcApiResource {

    private final CredentialVerifier verifier;
    private final SubmittedCredentials submitted;

    public VcApiResource(CredentialVerifier verifier, SubmittedCredentials submitted) {
        this.verifier = verifier;
        this.submitted = submitted;
    }

    /** A VC API verification result. */
    @Schema(name = "VcApiVerificationResult")
    public record Result(
            @Schema(required = true) boolean verified,
            @Schema(description = "Names of the checks that ran", required = true) List<String> checks,
            @Schema(required = true) List<Detail> warnings,
            @Schema(required = true) List<Detail> errors) {

        static Result of(Verification verification) {
            return new Result(verification.verified(),
                    verification.checks().stream().map(CheckResult::check).toList(),
                    details(verification, Outcome.WARN),
                    details(verification, Outcome.FAIL));
        }

        private static List<Detail> details(Verification verification, Outcome outcome) {
            return verification.checks().stream().filter(c -> c.outcome() == outcome)
                    .map(c -> new Detail("https://microcred.ca/problems/verification/" + c.check(), c.check(),
                            c.reason()))
                    .toList();
        }
    }

    /** A warning or error, as a problem detail naming the check. */
    @Schema(name = "VcApiProblemDetail")
    public record Detail(String type, String title, String detail) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify a credential (W3C VC API)",
            description = "Body `{\"verifiableCredential\": <credential object or compact VC-JWT>, \"options\": {}}`. "
                    + "Answers 200 with the checks when the credential is verified, 400 with the errors when not.")
    @APIResponse(responseCode = "200", description = "Verified",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Result.class)))
    @APIResponse(responseCode = "400", description = "Not verified (the errors name the failing checks), or the "
            + "body holds no credential (problem+json)",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Result.class)),
                    @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))})
    public Response verify(String body) {
        ObjectNode request;
        try {
            request = CredentialJson.object(body == null ? "" : body);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("The body is not a verification request: " + e.getMessage());
        }
        if (!request.has("verifiableCredential")) {
            throw ProblemException.badRequest("The body has no verifiableCredential");
        }
        Verification verification = verifier.verify(submitted.fromValue(request.get("verifiableCredential")), null);
        Result result = Result.of(verification);
        return Response.status(verification.verified() ? 200 : 400).type(MediaType.APPLICATION_JSON)
                .entity(result).build();
    }
}
