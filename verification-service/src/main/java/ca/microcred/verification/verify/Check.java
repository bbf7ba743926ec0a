package ca.microcred.verification.verify;

/** The checks a verification runs, in the order the answer lists them. */
public enum Check {
    ISSUED("issued"),
    STATUS("status"),
    VALIDITY("validity"),
    ISSUER_ACCREDITATION("issuer-accreditation"),
    PROOF("proof");

    private final String id;

    Check(String id) {
        this.id = id;
    }

    /** Name of the check in answers and metrics. */
    public String id() {
        return id;
    }
}
