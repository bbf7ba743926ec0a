package ca.microcred.verification.status;

/** A status list could not be read: not fetched, not signed by its issuer, expired, or not a status list. */
public class StatusListException extends Exception {

    private static final long serialVersionUID = 1L;

    public StatusListException(String message) {
        super(message);
    }
}
