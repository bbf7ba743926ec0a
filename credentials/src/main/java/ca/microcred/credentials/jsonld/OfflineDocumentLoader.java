package ca.microcred.credentials.jsonld;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.document.Document;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.loader.DocumentLoader;
import com.apicatalog.jsonld.loader.DocumentLoaderOptions;

/**
 * Serves the JSON-LD contexts bundled in this jar and nothing else. Each context is parsed once, when the
 * loader is built; an unknown URL fails closed with {@link UnknownContextException} (wrapped in the
 * {@link JsonLdError} the JSON-LD processor expects).
 */
public final class OfflineDocumentLoader implements DocumentLoader {

    public static final String CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2";
    public static final String CREDENTIALS_V1 = "https://www.w3.org/2018/credentials/v1";
    public static final String OPEN_BADGES_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
    public static final String DATA_INTEGRITY_V1 = "https://w3id.org/security/data-integrity/v1";
    public static final String DATA_INTEGRITY_V2 = "https://w3id.org/security/data-integrity/v2";
    public static final String MULTIKEY_V1 = "https://w3id.org/security/multikey/v1";
    public static final String DID_V1 = "https://www.w3.org/ns/did/v1";
    public static final String MICROCREDENTIAL_V1 = "https://microcred.ca/ns/microcredential/v1";

    private static final String RESOURCE_DIR = "/ca/microcred/credentials/contexts/";

    private static final OfflineDocumentLoader BUNDLED = new OfflineDocumentLoader(bundledResources());

    private final Map<String, JsonDocument> documents;

    private OfflineDocumentLoader(Map<String, String> resourcesByUrl) {
        Map<String, JsonDocument> parsed = new LinkedHashMap<>();
        Map<String, JsonDocument> byResource = new LinkedHashMap<>();
        resourcesByUrl.forEach((url, resource) -> {
            // URL aliases share one parsed document
            JsonDocument document = byResource.computeIfAbsent(resource, OfflineDocumentLoader::parse);
            parsed.put(url, document);
        });
        this.documents = Collections.unmodifiableMap(parsed);
    }

    /** The loader holding every context this library bundles. Thread-safe; share it. */
    public static OfflineDocumentLoader bundled() {
        return BUNDLED;
    }

    /** URLs this loader answers. */
    public Set<String> knownUrls() {
        return documents.keySet();
    }

    /** The parsed context for a URL, or {@link UnknownContextException}. */
    public JsonDocument context(String url) {
        JsonDocument document = documents.get(url);
        if (document == null) {
            throw new UnknownContextException(url);
        }
        return document;
    }

    @Override
    public Document loadDocument(URI url, DocumentLoaderOptions options) throws JsonLdError {
        String key = url.toString();
        JsonDocument document = documents.get(key);
        if (document == null) {
            throw new JsonLdError(JsonLdErrorCode.LOADING_DOCUMENT_FAILED, new UnknownContextException(key));
        }
        return document;
    }

    private static Map<String, String> bundledResources() {
        Map<String, String> resources = new LinkedHashMap<>();
        resources.put(CREDENTIALS_V2, "v2.jsonld");
        resources.put(CREDENTIALS_V1, "v1.jsonld");
        resources.put(OPEN_BADGES_V3, "context-3.0.3.json");
        // the purl is also written with plain http in some issuers' documents; it names the same file
        resources.put("http://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", "context-3.0.3.json");
        resources.put(DATA_INTEGRITY_V1, "data-integrity-v1.jsonld");
        resources.put(DATA_INTEGRITY_V2, "data-integrity-v2.jsonld");
        resources.put(MULTIKEY_V1, "multikey-v1.jsonld");
        resources.put(DID_V1, "did-v1.jsonld");
        resources.put(MICROCREDENTIAL_V1, "microcredential-v1.jsonld");
        return resources;
    }

    private static JsonDocument parse(String resource) {
        String path = RESOURCE_DIR + resource;
        try (InputStream in = OfflineDocumentLoader.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Bundled JSON-LD context missing from the jar: " + path);
            }
            return JsonDocument.of(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read bundled JSON-LD context " + path, e);
        } catch (JsonLdError e) {
            throw new IllegalStateException("Bundled JSON-LD context " + path + " is not valid JSON", e);
        }
    }
}
