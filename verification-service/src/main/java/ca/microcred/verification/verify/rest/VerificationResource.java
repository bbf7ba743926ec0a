package ca.microcred.verification.verify.rest;

import ca.microcred.support.problem.Problem;
import ca.microcred.verification.verify.Verification;
import ca.microcred.verification.verify.service.CredentialVerifier;
import ca.microcred.verification.verify.service.ReferenceVerifier;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Public verification of a credential by value, by URL, or by reference for links and QR codes on résumés. */
@Path("/verifications")
@Tag(name = "Verification")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class VerificationResource {

    /** What the event contracts allow as a credential id; anything else cannot name a credential. */
    static final String CREDENTIAL_ID = "^[^\\s\\p{Cntrl}]{1,200}$";

    static final String JWT = "application/jwt";
    static final String VC_JWT = "application/vc+jwt";
    static final String LD_JSON = "application/ld+json";

    private final ReferenceVerifier verifier;
    private final CredentialVerifier credentials;
    private final SubmittedCredentials submitted;

    public VerificationResource(ReferenceVerifier verifier, CredentialVerifier credentials,
                                SubmittedCredentials submitted) {
        this.verifier = verifier;
        this.credentials = credentials;
        this.submitted = submitted;
    }

    @POST
    @Consumes({LD_JSON, MediaType.APPLICATION_JSON})
    @Operation(summary = "Verify a credential by value (JSON-LD) or by its public URL",
            description = "The body is an Open Badges 3.0 / VC 2.0 credential with an eddsa-rdfc-2022 proof, or "
                    + "`{\"url\": \"...\", \"recipientEmail\": \"...\"}` naming the credential's public URL at an "
                    + "issuer origin on this service's allow-list. The answer lists every check: proof, issuer-key, "
                    + "status, validity, issuer-accreditation, structure, achievement and, when an email is given, "
                    + "recipient. A tampered, wrongly signed, expired, revoked or suspended credential is a 200 "
                    + "answer with `verified: false` and the failing check named. No token is needed.")
    @APIResponse(responseCode = "200", description = "The itemised answer; `verified` is false if any check failed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Verification.class)))
    @APIResponse(responseCode = "400", description = "The body is not a credential, or the URL is not allow-listed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The body is larger than 1 MiB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is neither JSON(-LD) nor a VC-JWT",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "502", description = "The credential's URL could not be fetched",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Verification verifyDocument(
            @Parameter(description = "The candidate's email, compared with the credential's salted recipient hash")
            @QueryParam("recipientEmail") String recipientEmail,
            String body) {
        SubmittedCredentials.Submission submission = submitted.fromJson(body);
        String email = submission.recipientEmail() != null ? submission.recipientEmail() : recipientEmail;
        return credentials.verify(submission.presented(), email);
    }

    @POST
    @Consumes({JWT, VC_JWT})
    @Operation(summary = "Verify a credential given as a compact VC-JWT",
            description = "The body is a compact JWS (EdDSA) carrying the credential. Same checks and answer as "
                    + "for JSON-LD; a JWT with alg none or a kid that does not name the issuer's key fails the proof "
                    + "or issuer-key check.")
    @APIResponse(responseCode = "200", description = "The itemised answer; `verified` is false if any check failed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Verification.class)))
    @APIResponse(responseCode = "400", description = "The body is not a compact JWT",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Verification verifyJwt(
            @Parameter(description = "The candidate's email, compared with the credential's salted recipient hash")
            @QueryParam("recipientEmail") String recipientEmail,
            String body) {
        return credentials.verify(submitted.fromJwt(body), recipientEmail);
    }

    @GET
    @Path("/{credentialId}")
    @Operation(summary = "Verify a credential by its id",
            description = "Checks a credential issued through this registry and answers, check by check, whether it "
                    + "can be trusted: issued (recorded in the registry of issued credentials), status (not revoked "
                    + "or suspended), validity (inside its validFrom/validUntil window), issuer-accreditation (the "
                    + "provider's standing in the national registry) and proof (the signature of the registry's copy "
                    + "of the credential as issued, followed by issuer-key; WARN when it was issued unsigned). "
                    + "No token is needed.")
    @APIResponse(responseCode = "200", description = "The itemised answer; `verified` is false if any check failed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Verification.class)))
    @APIResponse(responseCode = "400", description = "The id cannot be a credential id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No credential with this id was issued through this registry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Verification verify(
            @Parameter(description = "The credential's id, as printed on the credential or in its verification link")
            @PathParam("credentialId")
            @Pattern(regexp = CREDENTIAL_ID, message = "must be a credential id: 1 to 200 characters, "
                    + "without spaces or control characters")
            String credentialId) {
        return verifier.verify(credentialId);
    }
}
