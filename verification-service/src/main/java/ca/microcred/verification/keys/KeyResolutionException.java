package ca.microcred.verification.keys;

/** A verification method could not be resolved to a key this service trusts to stand for it. */
public class KeyResolutionException extends Exception {

    private static final long serialVersionUID = 1L;

    public KeyResolutionException(String message) {
        super(message);
    }
}
