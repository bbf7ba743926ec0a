package ca.microcred.credentials.did;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code did:web}: a DID whose document is served over https. {@code did:web:example.com} lives at
 * {@code https://example.com/.well-known/did.json}; {@code did:web:example.com:providers:p1} at
 * {@code https://example.com/providers/p1/did.json}; a port is written {@code %3A}.
 */
public final class DidWeb {

    public static final String PREFIX = "did:web:";

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=@%-]+");

    private DidWeb() {
    }

    /**
     * The did:web for a document base URL, e.g. {@code https://issuer.example.ca/providers/p1} gives
     * {@code did:web:issuer.example.ca:providers:p1}. The scheme is dropped (did:web always resolves over
     * https).
     */
    public static String fromUrl(String baseUrl) {
        URI uri = URI.create(baseUrl);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host in " + baseUrl);
        }
        StringBuilder did = new StringBuilder(PREFIX).append(uri.getHost().toLowerCase(Locale.ROOT));
        if (uri.getPort() >= 0) {
            did.append("%3A").append(uri.getPort());
        }
        String path = uri.getRawPath();
        if (path != null) {
            for (String segment : path.split("/")) {
                if (!segment.isEmpty()) {
                    did.append(':').append(segment);
                }
            }
        }
        return did.toString();
    }

    /** The https URL of a did:web's DID document. A fragment or query on the input is ignored. */
    public static URI documentUrl(String didOrDidUrl) {
        return documentUrl(didOrDidUrl, "https");
    }

    /**
     * The URL of a did:web's DID document with the given scheme; {@code http} is only for local development
     * stacks that serve the document without TLS.
     */
    public static URI documentUrl(String didOrDidUrl, String scheme) {
        List<String> parts = parts(didOrDidUrl);
        String authority = URLDecoder.decode(parts.get(0), StandardCharsets.UTF_8);
        StringBuilder url = new StringBuilder(scheme).append("://").append(authority);
        if (parts.size() == 1) {
            url.append("/.well-known/did.json");
        } else {
            for (String segment : parts.subList(1, parts.size())) {
                url.append('/').append(segment);
            }
            url.append("/did.json");
        }
        return URI.create(url.toString());
    }

    /** The DID part of a DID URL ({@code did:web:x#key-1} gives {@code did:web:x}). */
    public static String did(String didOrDidUrl) {
        String did = didOrDidUrl;
        int cut = indexOfAny(did, '#', '?', '/');
        if (cut >= 0) {
            did = did.substring(0, cut);
        }
        parts(did);
        return did;
    }

    public static boolean isDidWeb(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /** A builder for the DID document of a did:web. */
    public static DidDocumentBuilder document(String did) {
        parts(did);
        return new DidDocumentBuilder(did);
    }

    private static List<String> parts(String didOrDidUrl) {
        if (!isDidWeb(didOrDidUrl)) {
            throw new IllegalArgumentException("not a did:web: " + didOrDidUrl);
        }
        String specific = didOrDidUrl.substring(PREFIX.length());
        int cut = indexOfAny(specific, '#', '?', '/');
        if (cut >= 0) {
            specific = specific.substring(0, cut);
        }
        List<String> parts = new ArrayList<>();
        for (String part : specific.split(":", -1)) {
            if (part.isEmpty() || !SEGMENT.matcher(part).matches() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("invalid did:web: " + didOrDidUrl);
            }
            parts.add(part);
        }
        String host = URLDecoder.decode(parts.get(0), StandardCharsets.UTF_8);
        if (!host.matches("[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
            throw new IllegalArgumentException("invalid did:web host: " + didOrDidUrl);
        }
        return parts;
    }

    private static int indexOfAny(String value, char... chars) {
        int best = -1;
        for (char c : chars) {
            int i = value.indexOf(c);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }
}
