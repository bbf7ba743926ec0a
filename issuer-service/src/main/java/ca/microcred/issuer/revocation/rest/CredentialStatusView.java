package ca.microcred.issuer.revocation.rest;

import ca.microcred.issuer.revocation.CredentialStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/**
 * A credential's status.
 *
 * @param reason    why it last changed; null while it never changed
 * @param changedAt when it took its current status (its issue time if it never changed)
 */
@Schema(name = "CredentialStatus")
public record CredentialStatusView(
        String credentialId,
        @Schema(enumeration = {"active", "suspended", "revoked"}) String status,
        String reason,
        Instant changedAt) {

    public static CredentialStatusView of(CredentialStatus status) {
        return new CredentialStatusView(status.credentialId(), status.state().value(), status.reason(),
                status.changedAt());
    }
}
