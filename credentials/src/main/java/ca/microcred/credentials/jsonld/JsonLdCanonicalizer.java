package ca.microcred.credentials.jsonld;

import java.io.StringWriter;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdOptions;
import com.apicatalog.jsonld.context.ActiveContext;
import com.apicatalog.jsonld.context.cache.Cache;
import com.apicatalog.jsonld.deseralization.JsonLdToRdf;
import com.apicatalog.jsonld.expansion.Expansion;
import com.apicatalog.jsonld.flattening.NodeMap;
import com.apicatalog.jsonld.flattening.NodeMapBuilder;
import com.apicatalog.jsonld.json.JsonUtils;
import com.apicatalog.jsonld.lang.Keywords;
import com.apicatalog.jsonld.loader.DocumentLoader;
import com.apicatalog.jsonld.processor.ProcessingRuntime;
import com.apicatalog.jsonld.uri.UriValidationPolicy;
import com.apicatalog.rdf.api.RdfConsumerException;
import com.apicatalog.rdf.canon.RdfCanon;
import com.apicatalog.rdf.canon.RdfCanonTicker;
import com.apicatalog.rdf.nquads.NQuadsWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * JSON-LD to RDF (JSON-LD 1.1 toRdf) followed by RDF Dataset Canonicalization (RDFC-1.0, SHA-256), giving
 * canonical N-Quads. Thread-safe; build one and share it.
 *
 * <p>
 * Speed: processing a document's top-level {@code @context} (the VC and Open Badges contexts define several
 * hundred terms) costs more than the rest of the pipeline together, and every credential an issuer signs
 * carries the same one. The resulting active context is therefore computed once per distinct
 * {@code @context} value and handed to the expansion algorithm directly. That is exactly what expansion
 * would do on its own: it processes the top-level {@code @context} against an empty context before
 * anything else, and processing never mutates an active context (it always copies).
 *
 * <p>
 * Undefined terms, and nodes, types, properties or datatypes that are not absolute IRIs, fail the document
 * instead of being dropped: data the signature would silently not cover must not pass as signed.
 */
public final class JsonLdCanonicalizer {

    private static final JsonLdCanonicalizer SHARED = new JsonLdCanonicalizer(OfflineDocumentLoader.bundled());

    /** Distinct top-level contexts remembered; beyond it contexts are processed per call. */
    private static final int MAX_CACHED_CONTEXTS = 256;

    /**
     * Work budget for RDFC-1.0: blank-node-heavy graphs crafted to make canonicalisation explode
     * ("poison graphs") are rejected. Ordinary credentials use a few hundred ticks.
     */
    static final long MAX_CANON_TICKS = 200_000;

    private final JsonLdOptions options;
    private final ProcessingRuntime runtime;
    private final ConcurrentMap<JsonValue, ActiveContext> activeContexts = new ConcurrentHashMap<>();

    public JsonLdCanonicalizer(DocumentLoader loader) {
        JsonLdOptions opts = new JsonLdOptions(loader);
        // the default LRU cache is an unsynchronised access-ordered map; remote contexts are few and fixed
        opts.setContextCache(new ConcurrentCache<>());
        opts.setDocumentCache(null);
        opts.setUndefinedTermsPolicy(JsonLdOptions.ProcessingPolicy.Fail);
        opts.setOrdered(false);
        this.options = opts;
        this.runtime = ProcessingRuntime.of(opts);
    }

    /** A canonicaliser over the bundled contexts. */
    public static JsonLdCanonicalizer shared() {
        return SHARED;
    }

    /** Canonical N-Quads of a JSON-LD document. */
    public String canonicalize(ObjectNode document) {
        return canonicalize(JsonInterop.toJakarta(document));
    }

    /**
     * Canonical N-Quads of a JSON-LD document.
     *
     * @throws UnknownContextException if the document names a context that is not bundled
     * @throws JsonLdException         if the document is not valid JSON-LD or cannot be canonicalised
     */
    public String canonicalize(JsonObject document) {
        try {
            JsonArray expanded = expand(document);
            ExpandedGraphGuard.check(expanded);
            RdfCanon canon = RdfCanon.create("SHA-256", new TickBudget(MAX_CANON_TICKS));
            // the guard has validated every IRI already; RDF conversion need not parse them again
            JsonLdToRdf.with(NodeMapBuilder.with(expanded, new NodeMap()).build())
                    .produceGeneralizedRdf(false)
                    .rdfDirection(options.getRdfDirection())
                    .uriValidation(UriValidationPolicy.None)
                    .provide(canon);
            StringWriter out = new StringWriter(2048);
            canon.provide(new NQuadsWriter(out));
            return out.toString();
        } catch (JsonLdError e) {
            throw translate(e);
        } catch (RdfConsumerException e) {
            throw new JsonLdException("RDF canonicalisation failed: " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new JsonLdException("RDF canonicalisation aborted: " + e.getMessage(), e);
        }
    }

    private JsonArray expand(JsonObject document) throws JsonLdError {
        JsonValue context = document.get(Keywords.CONTEXT);
        JsonValue element = document;
        ActiveContext active;
        if (context == null) {
            active = new ActiveContext(null, null, runtime);
        } else {
            active = activeContext(context);
            element = withoutContext(document);
        }
        JsonValue expanded = Expansion.with(active, element, null, null).ordered(false).compute();
        if (JsonUtils.isObject(expanded)) {
            JsonObject object = expanded.asJsonObject();
            if (object.size() == 1 && object.containsKey(Keywords.GRAPH)) {
                expanded = object.get(Keywords.GRAPH);
            }
        }
        if (JsonUtils.isNull(expanded)) {
            return JsonValue.EMPTY_JSON_ARRAY;
        }
        return JsonUtils.toJsonArray(expanded);
    }

    /** The processed top-level {@code @context}, shared with {@link DirectCanonicalizer}. */
    ActiveContext activeContext(JsonValue context) throws JsonLdError {
        ActiveContext cached = activeContexts.get(context);
        if (cached != null) {
            return cached;
        }
        ActiveContext created = new ActiveContext(null, null, runtime).newContext().create(context, null);
        if (activeContexts.size() < MAX_CACHED_CONTEXTS) {
            activeContexts.putIfAbsent(context, created);
        }
        return created;
    }

    private static JsonObject withoutContext(JsonObject document) {
        JsonObjectBuilder builder = JsonInterop.provider().createObjectBuilder();
        for (var entry : document.entrySet()) {
            if (!Keywords.CONTEXT.equals(entry.getKey())) {
                builder.add(entry.getKey(), entry.getValue());
            }
        }
        return builder.build();
    }

    private static JsonLdException translate(JsonLdError error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownContextException) {
                return (UnknownContextException) cause;
            }
        }
        String message = error.getMessage() != null ? error.getMessage() : error.getCode().toMessage();
        return new JsonLdException("Invalid JSON-LD (" + error.getCode() + "): " + message, error);
    }

    private static final class TickBudget implements RdfCanonTicker {
        private final long limit;
        private long ticks;

        TickBudget(long limit) {
            this.limit = limit;
        }

        @Override
        public void tick() {
            if (++ticks > limit) {
                throw new IllegalStateException("the graph needs more than " + limit + " canonicalisation steps");
            }
        }
    }

    private static final class ConcurrentCache<K, V> implements Cache<K, V> {
        private final ConcurrentMap<K, V> map = new ConcurrentHashMap<>();

        @Override
        public boolean containsKey(K key) {
            return map.containsKey(key);
        }

        @Override
        public V get(K key) {
            return map.get(key);
        }

        @Override
        public void put(K key, V value) {
            map.put(key, value);
        }
    }
}
