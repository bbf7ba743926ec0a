package ca.microcred.issuer.revocation;

import java.time.Instant;

/**
 * A credential's current status as stored in its document.
 *
 * @param reason      why the status last changed; null while it never changed
 * @param changedAt   when the credential took its current status (its issue time if it never changed)
 * @param statusIndex its index in the provider's status lists; null for an unsigned credential, which has none
 */
public record CredentialStatus(String credentialId, String providerId, CredentialState state, String reason,
                               Instant changedAt, Integer statusIndex) {
}
