package ca.microcred.credentials.jsonld;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.apicatalog.jsonld.lang.BlankNode;
import com.apicatalog.jsonld.lang.Keywords;
import com.apicatalog.jsonld.lang.LanguageTag;
import com.apicatalog.jsonld.uri.UriUtils;
import com.apicatalog.jsonld.uri.UriValidationPolicy;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Refuses expanded JSON-LD that RDF conversion would silently thin out. Conversion skips every statement
 * whose subject, type, property or datatype is not an absolute IRI (or blank node), and every value with a
 * malformed language tag; such data would travel in the JSON without being signed. An attacker could add
 * {@code "x": {"id": "relative", ...}} to a signed credential and it would still verify. Failing instead is
 * the "safe mode" other Data Integrity implementations use.
 */
final class ExpandedGraphGuard {

    /**
     * Properties, types and datatypes repeat in every credential; parsing each as a URI again costs more than
     * a look-up. Bounded, so documents full of one-off IRIs cannot grow it.
     */
    private static final int MAX_REMEMBERED_IRIS = 16_384;
    private static final ConcurrentMap<String, Boolean> VALID_IRIS = new ConcurrentHashMap<>();

    private ExpandedGraphGuard() {
    }

    static void check(JsonValue value) {
        switch (value.getValueType()) {
            case ARRAY:
                for (JsonValue item : value.asJsonArray()) {
                    check(item);
                }
                return;
            case OBJECT:
                checkObject(value.asJsonObject());
                return;
            default:
                // scalars inside @list / @set have already been turned into value objects
        }
    }

    private static void checkObject(Map<String, JsonValue> object) {
        if (object.containsKey(Keywords.VALUE)) {
            JsonValue datatype = object.get(Keywords.TYPE);
            if (datatype instanceof JsonString && !Keywords.JSON.equals(((JsonString) datatype).getString())) {
                requireIri(((JsonString) datatype).getString(), "datatype");
            }
            JsonValue language = object.get(Keywords.LANGUAGE);
            if (language != null && (!(language instanceof JsonString)
                    || !LanguageTag.isWellFormed(((JsonString) language).getString()))) {
                throw new JsonLdException("language tag " + language + " is not well formed; the value would not be signed");
            }
            return;
        }
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            String key = entry.getKey();
            JsonValue value = entry.getValue();
            if (Keywords.ID.equals(key)) {
                if (value instanceof JsonString) {
                    requireIriOrBlank(((JsonString) value).getString(), "node id");
                }
            } else if (Keywords.TYPE.equals(key)) {
                for (JsonValue type : value.getValueType() == JsonValue.ValueType.ARRAY ? value.asJsonArray()
                        : List.of(value)) {
                    if (type instanceof JsonString) {
                        requireIriOrBlank(((JsonString) type).getString(), "type");
                    }
                }
            } else if (Keywords.REVERSE.equals(key) && value.getValueType() == JsonValue.ValueType.OBJECT) {
                for (Map.Entry<String, JsonValue> reverse : value.asJsonObject().entrySet()) {
                    requireIri(reverse.getKey(), "property");
                    check(reverse.getValue());
                }
            } else if (Keywords.GRAPH.equals(key) || Keywords.INCLUDED.equals(key) || Keywords.LIST.equals(key)
                    || Keywords.SET.equals(key)) {
                check(value);
            } else if (!Keywords.contains(key)) {
                requireIri(key, "property");
                check(value);
            }
        }
    }

    private static void requireIriOrBlank(String value, String role) {
        if (!BlankNode.isWellFormed(value)) {
            requireIri(value, role);
        }
    }

    private static void requireIri(String value, String role) {
        if (!isAbsoluteIri(value)) {
            throw new JsonLdException(role + " '" + value + "' is not an absolute IRI; it would not be covered by the signature");
        }
    }

    /** The test this guard applies to every IRI; {@link DirectCanonicalizer} asks the same question. */
    static boolean isAbsoluteIri(String value) {
        if (VALID_IRIS.containsKey(value)) {
            return true;
        }
        if (!UriUtils.isAbsoluteUri(value, UriValidationPolicy.Full)) {
            return false;
        }
        if (VALID_IRIS.size() >= MAX_REMEMBERED_IRIS) {
            VALID_IRIS.clear();
        }
        VALID_IRIS.put(value, Boolean.TRUE);
        return true;
    }
}
