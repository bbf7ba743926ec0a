package ca.microcred.verification.fetch;

/** A document could not be fetched: origin not allowed, unreachable, too slow, too large or not found. */
public class FetchException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean refused;

    public FetchException(String message, boolean refused) {
        super(message);
        this.refused = refused;
    }

    /** True when the address was refused before any connection (not on the allow-list, or not a URL). */
    public boolean refused() {
        return refused;
    }
}
