package ca.microcred.credentials.did;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ca.microcred.credentials.keys.Ed25519PublicKey;
import ca.microcred.credentials.keys.Multikey;
import ca.microcred.credentials.keys.VerificationKey;

/** Reads verification methods out of a DID document. */
public final class DidDocuments {

    private static final String[] RELATIONSHIPS = {"assertionMethod", "authentication", "capabilityInvocation",
            "capabilityDelegation", "keyAgreement"};

    private DidDocuments() {
    }

    /**
     * The key of a verification method listed in the document, with the relationships it is listed under.
     * Empty when the method is absent, is not an Ed25519 Multikey, or its controller is not the document's
     * DID.
     */
    public static Optional<VerificationKey> verificationKey(ObjectNode didDocument, String verificationMethodId) {
        String did = didDocument.path("id").asText(null);
        if (did == null || verificationMethodId == null) {
            return Optional.empty();
        }
        JsonNode method = null;
        for (JsonNode candidate : didDocument.path("verificationMethod")) {
            if (verificationMethodId.equals(absolute(did, candidate.path("id").asText(null)))) {
                method = candidate;
                break;
            }
        }
        Set<String> relationships = new HashSet<>();
        for (String relationship : RELATIONSHIPS) {
            for (JsonNode entry : didDocument.path(relationship)) {
                String id = entry.isTextual() ? entry.asText() : entry.path("id").asText(null);
                if (verificationMethodId.equals(absolute(did, id))) {
                    relationships.add(relationship);
                    if (method == null && entry.isObject()) {
                        method = entry; // embedded verification method
                    }
                }
            }
        }
        if (method == null) {
            return Optional.empty();
        }
        String controller = method.path("controller").asText(null);
        String type = method.path("type").asText("");
        String multibase = method.path("publicKeyMultibase").asText(null);
        if (!did.equals(controller) || multibase == null
                || !(Multikey.TYPE.equals(type) || "Ed25519VerificationKey2020".equals(type))) {
            return Optional.empty();
        }
        try {
            Ed25519PublicKey key = Multikey.decodePublicKey(multibase);
            return Optional.of(new VerificationKey(verificationMethodId, controller, key, relationships));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String absolute(String did, String id) {
        if (id == null) {
            return null;
        }
        return id.startsWith("#") ? did + id : id;
    }
}
