package ca.microcred.issuer.revocation;

import java.util.Locale;

/** Where a credential stands: in force, temporarily invalid, or cancelled for good. */
public enum CredentialState {
    ACTIVE, SUSPENDED, REVOKED;

    /** The lower-case name used in the API and in the stored credential document. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state a stored value names; a credential stored before statuses were kept is active. */
    public static CredentialState ofStored(String value) {
        return value == null ? ACTIVE : valueOf(value.toUpperCase(Locale.ROOT));
    }
}
