package ca.microcred.credentials.jsonld;

/**
 * A document could not be processed as JSON-LD (invalid syntax, undefined term, a graph too complex to
 * canonicalise). Verifiers treat it as "not verifiable", never as a server fault.
 */
public class JsonLdException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JsonLdException(String message) {
        super(message);
    }

    public JsonLdException(String message, Throwable cause) {
        super(message, cause);
    }
}
