package ca.microcred.credentials.did;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import ca.microcred.credentials.jsonld.JsonLdCanonicalizer;
import ca.microcred.credentials.keys.Ed25519KeyPair;
import ca.microcred.credentials.keys.Ed25519PublicKey;
import ca.microcred.credentials.keys.KeyResolver;
import ca.microcred.credentials.keys.VerificationKey;

class DidTest {

    @Test
    void didKeyRoundTrips() {
        for (int i = 0; i < 20; i++) {
            Ed25519PublicKey key = Ed25519KeyPair.generate().publicKey();
            String did = DidKey.did(key);

            assertThat(did).startsWith("did:key:z6Mk");
            assertThat(DidKey.publicKey(did)).isEqualTo(key);
            assertThat(DidKey.publicKey(DidKey.verificationMethodId(key))).isEqualTo(key);
        }
    }

    @Test
    void didKeyOfTheSpecExampleDecodes() {
        String did = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";

        Ed25519PublicKey key = DidKey.publicKey(did);

        assertThat(DidKey.did(key)).isEqualTo(did);
        assertThat(DidKey.verificationMethodId(key))
                .isEqualTo(did + "#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK");
    }

    @Test
    void didKeyResolvesItsOwnVerificationMethodOnly() {
        Ed25519PublicKey key = Ed25519KeyPair.generate().publicKey();
        String other = Ed25519KeyPair.generate().publicKey().multikey();

        VerificationKey resolved = KeyResolver.didKey().resolve(DidKey.verificationMethodId(key)).orElseThrow();

        assertThat(resolved.controller()).isEqualTo(DidKey.did(key));
        assertThat(resolved.publicKey()).isEqualTo(key);
        assertThat(resolved.authorisedFor("assertionMethod")).isTrue();
        assertThat(KeyResolver.didKey().resolve(DidKey.did(key) + "#" + other)).isEmpty();
        assertThat(KeyResolver.didKey().resolve("did:key:zNotAKey#zNotAKey")).isEmpty();
        assertThatThrownBy(() -> DidKey.publicKey("did:web:example.com")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void didWebMapsToHttpsDocumentUrls() {
        assertThat(DidWeb.documentUrl("did:web:w3c-ccg.github.io"))
                .isEqualTo(URI.create("https://w3c-ccg.github.io/.well-known/did.json"));
        assertThat(DidWeb.documentUrl("did:web:w3c-ccg.github.io:user:alice"))
                .isEqualTo(URI.create("https://w3c-ccg.github.io/user/alice/did.json"));
        assertThat(DidWeb.documentUrl("did:web:example.com%3A3000:user:alice#key-1"))
                .isEqualTo(URI.create("https://example.com:3000/user/alice/did.json"));
        assertThat(DidWeb.documentUrl("did:web:localhost%3A8081:providers:p1", "http"))
                .isEqualTo(URI.create("http://localhost:8081/providers/p1/did.json"));
    }

    @Test
    void didWebIsDerivedFromTheServingUrl() {
        assertThat(DidWeb.fromUrl("https://issuer.microcred.ca/providers/p-1"))
                .isEqualTo("did:web:issuer.microcred.ca:providers:p-1");
        assertThat(DidWeb.fromUrl("http://localhost:8081/providers/p-1/"))
                .isEqualTo("did:web:localhost%3A8081:providers:p-1");
        assertThat(DidWeb.did("did:web:localhost%3A8081:providers:p-1#key-2"))
                .isEqualTo("did:web:localhost%3A8081:providers:p-1");
    }

    @Test
    void rejectsMalformedDidWeb() {
        for (String bad : List.of("did:web:", "did:web:a::b", "did:web:exa mple.com", "did:web:example.com:..",
                "did:key:z6Mk", "did:web:evil.com%2Fpath")) {
            assertThatThrownBy(() -> DidWeb.documentUrl(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void didWebDocumentListsActiveAndRetiredKeysForVerification() {
        String did = DidWeb.fromUrl("https://issuer.microcred.ca/providers/p-1");
        Ed25519PublicKey current = Ed25519KeyPair.generate().publicKey();
        Ed25519PublicKey previous = Ed25519KeyPair.generate().publicKey();

        ObjectNode document = DidWeb.document(did).activeKey("key-2", current).retiredKey("key-1", previous).build();

        assertThat(document.path("id").asText()).isEqualTo(did);
        assertThat(document.path("verificationMethod")).hasSize(2);
        assertThat(document.path("verificationMethod").get(0).path("type").asText()).isEqualTo("Multikey");
        assertThat(document.path("verificationMethod").get(0).path("publicKeyMultibase").asText())
                .isEqualTo(current.multikey());
        KeyResolver resolver = KeyResolver.didDocument(document);
        VerificationKey active = resolver.resolve(did + "#key-2").orElseThrow();
        VerificationKey retired = resolver.resolve(did + "#key-1").orElseThrow();
        assertThat(active.publicKey()).isEqualTo(current);
        assertThat(active.relationships()).containsExactlyInAnyOrder("assertionMethod", "authentication");
        assertThat(retired.publicKey()).isEqualTo(previous);
        assertThat(retired.relationships()).containsExactly("assertionMethod");
        assertThat(resolver.resolve(did + "#key-3")).isEmpty();
        // the document is valid JSON-LD under the bundled DID and Multikey contexts
        assertThat(JsonLdCanonicalizer.shared().canonicalize(document)).contains(current.multikey());
    }

    @Test
    void didDocumentMethodControlledBySomeoneElseIsNotTrusted() {
        String did = "did:web:example.com";
        ObjectNode document = DidWeb.document(did).activeKey("key-1", Ed25519KeyPair.generate().publicKey()).build();
        ((ObjectNode) document.path("verificationMethod").get(0)).put("controller", "did:web:evil.example");

        assertThat(KeyResolver.didDocument(document).resolve(did + "#key-1")).isEmpty();
    }
}
