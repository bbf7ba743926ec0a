package ca.microcred.credentials.jsonld;

/**
 * A document referenced a JSON-LD context that is not bundled with this library. Contexts are never
 * fetched at run time: a context we do not hold could redefine every term, so processing stops here.
 */
public final class UnknownContextException extends JsonLdException {

    private static final long serialVersionUID = 1L;

    private final String url;

    public UnknownContextException(String url) {
        super("Unknown JSON-LD context " + url + ": only bundled contexts are loaded, nothing is fetched");
        this.url = url;
    }

    /** The context URL that was referenced. */
    public String url() {
        return url;
    }
}
