package ca.microcred.registry.credential;

/** Where a credential stands. A revocation is final; a suspension can be lifted (reinstated). */
public enum CredentialStatus {
    ACTIVE, SUSPENDED, REVOKED
}
