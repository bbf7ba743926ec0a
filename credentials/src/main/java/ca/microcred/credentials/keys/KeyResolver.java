package ca.microcred.credentials.keys;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ca.microcred.credentials.did.DidDocuments;
import ca.microcred.credentials.did.DidKey;

/**
 * Finds the key behind a verification method id (a DID URL or an https URL with a fragment). Verifiers
 * supply one; it decides which keys are trusted. Implementations must be thread-safe; a resolver that
 * fetches documents should cache them.
 */
@FunctionalInterface
public interface KeyResolver {

    /** The key for the verification method, or empty when it is unknown or not trusted. */
    Optional<VerificationKey> resolve(String verificationMethodId);

    /** This resolver, falling back to {@code next} for ids it does not know. */
    default KeyResolver or(KeyResolver next) {
        return id -> {
            Optional<VerificationKey> found = resolve(id);
            return found.isPresent() ? found : next.resolve(id);
        };
    }

    /** Resolves {@code did:key} verification methods (self-describing; no look-up). */
    static KeyResolver didKey() {
        return DidKey::resolve;
    }

    /** A fixed set of trusted keys. */
    static KeyResolver of(VerificationKey... keys) {
        return of(Arrays.asList(keys));
    }

    /** A fixed set of trusted keys. */
    static KeyResolver of(List<VerificationKey> keys) {
        Map<String, VerificationKey> byId = keys.stream()
                .collect(Collectors.toUnmodifiableMap(VerificationKey::id, Function.identity()));
        return id -> Optional.ofNullable(byId.get(id));
    }

    /** The verification methods of one DID document (e.g. a did:web document fetched by the caller). */
    static KeyResolver didDocument(ObjectNode didDocument) {
        ObjectNode document = didDocument.deepCopy();
        return id -> DidDocuments.verificationKey(document, id);
    }

    /**
     * A pinned Multikey document ({@code id}, {@code controller}, {@code publicKeyMultibase}), trusted for
     * issuing credentials.
     */
    static KeyResolver multikey(JsonNode multikeyDocument) {
        String id = multikeyDocument.path("id").asText(null);
        String controller = multikeyDocument.path("controller").asText(null);
        String multibase = multikeyDocument.path("publicKeyMultibase").asText(null);
        if (id == null || controller == null || multibase == null) {
            throw new IllegalArgumentException("a Multikey document needs id, controller and publicKeyMultibase");
        }
        return of(VerificationKey.forAssertion(id, controller, Multikey.decodePublicKey(multibase)));
    }
}
