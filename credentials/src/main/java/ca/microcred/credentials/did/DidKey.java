package ca.microcred.credentials.did;

import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ca.microcred.credentials.keys.Ed25519PublicKey;
import ca.microcred.credentials.keys.Multikey;
import ca.microcred.credentials.keys.VerificationKey;

/**
 * {@code did:key} for Ed25519: the DID is {@code did:key:} + the Multikey ({@code z6Mk...}); its one
 * verification method is {@code did#multikey}, authorised for every relationship.
 */
public final class DidKey {

    public static final String PREFIX = "did:key:";

    private static final Set<String> RELATIONSHIPS = Set.of("assertionMethod", "authentication",
            "capabilityInvocation", "capabilityDelegation");

    private DidKey() {
    }

    public static String did(Ed25519PublicKey key) {
        return PREFIX + key.multikey();
    }

    public static String verificationMethodId(Ed25519PublicKey key) {
        String multikey = key.multikey();
        return PREFIX + multikey + "#" + multikey;
    }

    /**
     * The key a {@code did:key} DID or DID URL encodes. A fragment, when present, must repeat the key.
     *
     * @throws IllegalArgumentException if the value is not an Ed25519 did:key
     */
    public static Ed25519PublicKey publicKey(String didOrDidUrl) {
        if (didOrDidUrl == null || !didOrDidUrl.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a did:key: " + didOrDidUrl);
        }
        String rest = didOrDidUrl.substring(PREFIX.length());
        int hash = rest.indexOf('#');
        String multikey = hash < 0 ? rest : rest.substring(0, hash);
        if (hash >= 0 && !rest.substring(hash + 1).equals(multikey)) {
            throw new IllegalArgumentException("did:key fragment does not match the key: " + didOrDidUrl);
        }
        return Multikey.decodePublicKey(multikey);
    }

    /** The verification key of a did:key verification method id; empty if the id is not a valid one. */
    public static Optional<VerificationKey> resolve(String verificationMethodId) {
        if (verificationMethodId == null || !verificationMethodId.startsWith(PREFIX)
                || verificationMethodId.indexOf('#') < 0) {
            return Optional.empty();
        }
        try {
            Ed25519PublicKey key = publicKey(verificationMethodId);
            String did = verificationMethodId.substring(0, verificationMethodId.indexOf('#'));
            return Optional.of(new VerificationKey(verificationMethodId, did, key, RELATIONSHIPS));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The DID document a did:key expands to. */
    public static ObjectNode document(Ed25519PublicKey key) {
        String did = did(key);
        String methodId = verificationMethodId(key);
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        ArrayNode context = document.putArray("@context");
        context.add(DidDocumentBuilder.DID_CONTEXT).add(Multikey.CONTEXT);
        document.put("id", did);
        document.putArray("verificationMethod").add(Multikey.verificationMethod(methodId, did, key));
        for (String relationship : new String[] {"authentication", "assertionMethod", "capabilityInvocation",
                "capabilityDelegation"}) {
            document.putArray(relationship).add(methodId);
        }
        return document;
    }
}
