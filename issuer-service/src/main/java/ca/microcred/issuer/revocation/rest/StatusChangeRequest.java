package ca.microcred.issuer.revocation.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Why a credential's status changes; recorded with the change and published in CredentialRevoked. */
@Schema(name = "StatusChangeRequest")
public record StatusChangeRequest(
        @Schema(required = true, maxLength = 500, examples = "Issued in error: the learner did not pass")
        @NotBlank @Size(max = 500)
        String reason) {
}
