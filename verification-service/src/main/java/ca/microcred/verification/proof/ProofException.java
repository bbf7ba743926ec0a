package ca.microcred.verification.proof;

/** A proof that cannot be checked at all: missing, of an unsupported kind, or malformed. */
public class ProofException extends Exception {

    private static final long serialVersionUID = 1L;

    public ProofException(String message) {
        super(message);
    }
}
