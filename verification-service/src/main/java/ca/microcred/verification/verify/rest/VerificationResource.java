package ca.microcred.verification.verify.rest;

import ca.microcred.support.problem.Problem;
import ca.microcred.verification.verify.Verification;
import ca.microcred.verification.verify.service.ReferenceVerifier;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
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

/** Public verification of a credential by reference, for links and QR codes on résumés. */
@Path("/verifications")
@Tag(name = "Verification")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class VerificationResource {

    /** What the event contracts allow as a credential id; anything else cannot name a credential. */
    static final String CREDENTIAL_ID = "^[^\\s\\p{Cntrl}]{1,200}$";

    private final ReferenceVerifier verifier;

    public VerificationResource(ReferenceVerifier verifier) {
        this.verifier = verifier;
    }

    @GET
    @Path("/{credentialId}")
    @Operation(summary = "Verify a credential by its id",
            description = "Checks a credential issued through this registry and answers, check by check, whether it "
                    + "can be trusted: issued (recorded in the registry of issued credentials), status (not revoked "
                    + "or suspended), validity (inside its validFrom/validUntil window), issuer-accreditation (the "
                    + "provider's standing in the national registry) and proof. "
                    + "This answer does not check cryptographic proofs yet: credentials are issued unsigned for now, "
                    + "so the proof check is always WARN and `verified` means issued, not revoked or suspended, and "
                    + "valid, with no failing check. No token is needed.")
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
