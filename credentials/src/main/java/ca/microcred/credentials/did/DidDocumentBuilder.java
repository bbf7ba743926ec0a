package ca.microcred.credentials.did;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ca.microcred.credentials.keys.Ed25519PublicKey;
import ca.microcred.credentials.keys.Multikey;

/**
 * Builds a DID document with Multikey verification methods. Key rotation keeps earlier keys listed: a
 * retired key stays an {@code assertionMethod} so credentials it signed keep verifying, but is no longer
 * used for {@code authentication}. A compromised key is simply left out.
 */
public final class DidDocumentBuilder {

    public static final String DID_CONTEXT = "https://www.w3.org/ns/did/v1";

    /** Verification relationships a key can be listed under. */
    public enum Relationship {
        ASSERTION_METHOD("assertionMethod"),
        AUTHENTICATION("authentication"),
        CAPABILITY_INVOCATION("capabilityInvocation"),
        CAPABILITY_DELEGATION("capabilityDelegation");

        private final String property;

        Relationship(String property) {
            this.property = property;
        }

        public String property() {
            return property;
        }
    }

    private record Key(String id, Ed25519PublicKey publicKey, Set<Relationship> relationships) {
    }

    private final String did;
    private final List<Key> keys = new ArrayList<>();
    private final Set<String> alsoKnownAs = new LinkedHashSet<>();

    DidDocumentBuilder(String did) {
        this.did = did;
    }

    /** The verification method id for a key fragment ({@code did#fragment}). */
    public String methodId(String fragment) {
        if (fragment == null || fragment.isEmpty() || fragment.contains("#")) {
            throw new IllegalArgumentException("a key fragment is a non-empty string without '#'");
        }
        return did + "#" + fragment;
    }

    /** The current signing key: listed for assertionMethod and authentication. */
    public DidDocumentBuilder activeKey(String fragment, Ed25519PublicKey key) {
        return key(fragment, key, EnumSet.of(Relationship.ASSERTION_METHOD, Relationship.AUTHENTICATION));
    }

    /** A rotated-out key: still an assertionMethod, so credentials it signed keep verifying. */
    public DidDocumentBuilder retiredKey(String fragment, Ed25519PublicKey key) {
        return key(fragment, key, EnumSet.of(Relationship.ASSERTION_METHOD));
    }

    public DidDocumentBuilder key(String fragment, Ed25519PublicKey key, Set<Relationship> relationships) {
        String id = methodId(fragment);
        if (keys.stream().anyMatch(k -> k.id().equals(id))) {
            throw new IllegalArgumentException("duplicate verification method " + id);
        }
        keys.add(new Key(id, key, EnumSet.copyOf(relationships)));
        return this;
    }

    public DidDocumentBuilder alsoKnownAs(String uri) {
        alsoKnownAs.add(uri);
        return this;
    }

    public ObjectNode build() {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.putArray("@context").add(DID_CONTEXT).add(Multikey.CONTEXT);
        document.put("id", did);
        if (!alsoKnownAs.isEmpty()) {
            ArrayNode aka = document.putArray("alsoKnownAs");
            alsoKnownAs.forEach(aka::add);
        }
        ArrayNode methods = document.putArray("verificationMethod");
        for (Key key : keys) {
            methods.add(Multikey.verificationMethod(key.id(), did, key.publicKey()));
        }
        for (Relationship relationship : Relationship.values()) {
            ArrayNode ids = null;
            for (Key key : keys) {
                if (key.relationships().contains(relationship)) {
                    if (ids == null) {
                        ids = document.putArray(relationship.property());
                    }
                    ids.add(key.id());
                }
            }
        }
        return document;
    }
}
