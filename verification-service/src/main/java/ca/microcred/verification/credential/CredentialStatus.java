package ca.microcred.verification.credential;

/** Whether a credential may currently be relied on, as its issuer last declared. */
public enum CredentialStatus {
    ACTIVE, SUSPENDED, REVOKED
}
