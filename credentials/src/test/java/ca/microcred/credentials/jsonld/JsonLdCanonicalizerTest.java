package ca.microcred.credentials.jsonld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.rdf.canon.RdfCanon;
import com.apicatalog.rdf.nquads.NQuadsWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ca.microcred.credentials.SampleCredentials;
import ca.microcred.credentials.TestVectors;
import ca.microcred.credentials.openbadges.OpenBadgeCredentials;

class JsonLdCanonicalizerTest {

    private final JsonLdCanonicalizer canonicalizer = JsonLdCanonicalizer.shared();

    @Test
    void officialVectorDocumentCanonicalisesToTheSpecNQuadsByteForByte() {
        ObjectNode document = TestVectors.signedVector();
        document.remove("proof");

        String canonical = canonicalizer.canonicalize(document);

        assertThat(canonical.getBytes(StandardCharsets.UTF_8))
                .isEqualTo(TestVectors.text("document-canon.txt").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void officialVectorProofOptionsCanonicaliseToTheSpecNQuadsByteForByte() {
        ObjectNode vector = TestVectors.signedVector();
        ObjectNode proofConfig = ((ObjectNode) vector.get("proof")).deepCopy();
        proofConfig.remove("proofValue");
        proofConfig.set("@context", vector.get("@context"));

        String canonical = canonicalizer.canonicalize(proofConfig);

        assertThat(canonical.getBytes(StandardCharsets.UTF_8))
                .isEqualTo(TestVectors.text("proof-canon.txt").getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"basicOpenBadgeCredential.json", "achievementAlignmentCase.json",
            "achievementAlignmentCe.json", "spec-test-vector-signed-eddsa-rdfc-2022.json"})
    void reusedContextGivesTheSameNQuadsAsPlainJsonLdProcessing(String example) throws Exception {
        ObjectNode document = TestVectors.json(example);

        // twice: the second call takes the cached active context
        String first = canonicalizer.canonicalize(document);
        String second = canonicalizer.canonicalize(document);

        assertThat(first).isEqualTo(second).isEqualTo(referenceCanonical(document)).isNotBlank();
    }

    @Test
    void unknownContextFailsClosedNamingTheUrl() {
        ObjectNode document = TestVectors.json("basicOpenBadgeCredential.json");
        ((ArrayNode) document.get("@context")).add("https://purl.imsglobal.org/spec/ob/v3p0/extensions.json");

        assertThatThrownBy(() -> canonicalizer.canonicalize(document))
                .isInstanceOf(UnknownContextException.class)
                .hasMessageContaining("https://purl.imsglobal.org/spec/ob/v3p0/extensions.json")
                .extracting(e -> ((UnknownContextException) e).url())
                .isEqualTo("https://purl.imsglobal.org/spec/ob/v3p0/extensions.json");
    }

    @Test
    void unknownContextInsideAnInlineContextAlsoFailsClosed() throws Exception {
        ObjectNode document = (ObjectNode) TestVectors.MAPPER.readTree(
                "{\"@context\":{\"@import\":\"https://example.com/evil.jsonld\"},\"@id\":\"urn:x\"}");

        assertThatThrownBy(() -> canonicalizer.canonicalize(document))
                .isInstanceOf(UnknownContextException.class)
                .hasMessageContaining("https://example.com/evil.jsonld");
    }

    @Test
    void termsNoContextDefinesAreRejectedRatherThanDropped() throws Exception {
        // the Open Badges context alone has no @vocab, so "favouriteColour" would vanish from the signed graph
        ObjectNode document = (ObjectNode) TestVectors.MAPPER.readTree("{\"@context\":"
                + "[\"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json\"],"
                + "\"id\":\"urn:uuid:1\",\"type\":\"Achievement\",\"name\":\"x\",\"favouriteColour\":\"blue\"}");

        assertThatThrownBy(() -> canonicalizer.canonicalize(document))
                .isInstanceOf(JsonLdException.class)
                .hasMessageContaining("favouriteColour");
    }

    @Test
    void dataThatRdfConversionWouldSkipIsRejected() throws Exception {
        for (String node : new String[] {"{\"id\":\"relative\",\"name\":\"x\"}", "{\"id\":\"h tps://bad\",\"name\":\"x\"}",
                "{\"type\":\"not an iri\",\"name\":\"x\"}"}) {
            ObjectNode document = TestVectors.json("basicOpenBadgeCredential.json");
            document.set("https://example.com/ns#hidden", TestVectors.MAPPER.readTree(node));

            assertThatThrownBy(() -> canonicalizer.canonicalize(document)).as(node)
                    .isInstanceOf(JsonLdException.class)
                    .hasMessageContaining("not an absolute IRI");
        }
        ObjectNode badLanguage = TestVectors.json("basicOpenBadgeCredential.json");
        badLanguage.set("description", TestVectors.MAPPER.readTree("{\"@value\":\"x\",\"@language\":\"not a tag!\"}"));
        assertThatThrownBy(() -> canonicalizer.canonicalize(badLanguage)).isInstanceOf(JsonLdException.class);
    }

    @Test
    void everyBundledContextLoadsAndParses() {
        OfflineDocumentLoader loader = OfflineDocumentLoader.bundled();

        assertThat(loader.knownUrls()).contains(
                "https://www.w3.org/ns/credentials/v2",
                "https://www.w3.org/2018/credentials/v1",
                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
                "https://w3id.org/security/data-integrity/v1",
                "https://w3id.org/security/data-integrity/v2",
                "https://w3id.org/security/multikey/v1",
                "https://www.w3.org/ns/did/v1",
                "https://microcred.ca/ns/microcredential/v1");
        for (String url : loader.knownUrls()) {
            assertThat(loader.context(url).getJsonContent()).get()
                    .satisfies(json -> assertThat(json.asJsonObject()).containsKey("@context"));
        }
    }

    @Test
    void sharedCanonicaliserGivesTheSameAnswerFromManyThreads() throws Exception {
        List<ObjectNode> documents = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            documents.add(OpenBadgeCredentials.toJson(SampleCredentials.issued("did:web:issuer.microcred.ca", i)));
        }
        // a fresh canonicaliser so the threads race to fill its caches
        JsonLdCanonicalizer fresh = new JsonLdCanonicalizer(OfflineDocumentLoader.bundled());
        List<String> expected = new ArrayList<>();
        for (ObjectNode document : documents) {
            expected.add(referenceCanonical(document));
        }
        ConcurrentAnswers.assertSameFromManyThreads(documents, expected, fresh::canonicalize);
    }

    /** Canonical N-Quads through the JSON-LD processor's own, uncached pipeline. */
    private static String referenceCanonical(ObjectNode document) throws Exception {
        JsonDocument input = JsonDocument.of(new java.io.StringReader(document.toString()));
        RdfCanon canon = RdfCanon.create("SHA-256");
        JsonLd.toRdf(input).loader(OfflineDocumentLoader.bundled()).provide(canon);
        StringWriter out = new StringWriter();
        canon.provide(new NQuadsWriter(out));
        return out.toString();
    }
}
