package ca.microcred.verification.verify;

/** The checks a verification can run. */
public enum Check {
    ISSUED("issued"),
    PROOF("proof"),
    ISSUER_KEY("issuer-key"),
    STATUS("status"),
    VALIDITY("validity"),
    ISSUER_ACCREDITATION("issuer-accreditation"),
    STRUCTURE("structure"),
    ACHIEVEMENT("achievement"),
    RECIPIENT("recipient");

    private final String id;

    Check(String id) {
        this.id = id;
    }

    /** Name of the check in answers and metrics. */
    public String id() {
        return id;
    }
}
