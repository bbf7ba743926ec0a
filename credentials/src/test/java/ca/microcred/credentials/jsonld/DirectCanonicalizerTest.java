package ca.microcred.credentials.jsonld;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ca.microcred.credentials.IssuerShapedCredentials;
import ca.microcred.credentials.SampleCredentials;
import ca.microcred.credentials.TestVectors;
import ca.microcred.credentials.openbadges.OpenBadgeCredentials;

/**
 * The direct canonicaliser must give exactly the answer of the general JSON-LD pipeline: the same N-Quads, byte
 * for byte, or the same exception. Random issuer-shaped credentials come from a seeded stream; the seed is in
 * every test's name. Re-run a failure with {@code -Dcanon.seed=<seed>}; {@code -Dcanon.count=<n>} changes how many
 * credentials are tried.
 */
class DirectCanonicalizerTest {

    private static final long SEED = Long.getLong("canon.seed", new SecureRandom().nextLong());
    private static final int COUNT = Integer.getInteger("canon.count", 300);

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final JsonLdCanonicalizer titanium = JsonLdCanonicalizer.shared();
    private final DirectCanonicalizer direct = DirectCanonicalizer.shared();

    @TestFactory
    Stream<DynamicTest> randomIssuerCredentialsTakeTheDirectPathAndMatchTitaniumByteForByte() {
        Random random = new Random(SEED);
        return IntStream.range(0, COUNT).mapToObj(n -> {
            IssuerShapedCredentials.Completion completion = IssuerShapedCredentials.completion(random);
            ObjectNode credential = IssuerShapedCredentials.credential(completion, random, n);
            return DynamicTest.dynamicTest("seed=" + SEED + " #" + n, () -> {
                String expected = titanium.canonicalize(credential);
                String fast = direct.tryDirect(credential);

                assertThat(fast).as("direct path taken for %s", credential).isNotNull();
                assertThat(fast.getBytes(StandardCharsets.UTF_8)).as(credential.toString())
                        .isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
                assertThat(direct.canonicalize(credential)).isEqualTo(expected);
                assertThat(direct.canonicalize(JsonInterop.toJakarta(credential))).isEqualTo(expected);
            });
        });
    }

    @TestFactory
    Stream<DynamicTest> learnersOfOneCompletionShareTheAchievementAndStillMatch() {
        Random random = new Random(SEED ^ 0x5DEECE66DL);
        IssuerShapedCredentials.Completion completion = IssuerShapedCredentials.completion(random);
        return IntStream.range(0, 25).mapToObj(n -> {
            ObjectNode credential = IssuerShapedCredentials.credential(completion, random, n);
            return DynamicTest.dynamicTest("seed=" + SEED + " learner " + n, () -> {
                assertThat(direct.tryDirect(credential)).isNotNull().isEqualTo(titanium.canonicalize(credential));
            });
        });
    }

    private static final String[] KEYS = {"id", "type", "name", "description", "narrative", "achievement", "alignment",
            "url", "stacksInto", "allowedValue", "identifier", "identityHash", "hashed", "result", "evidence",
            "creditsAvailable", "workloadHours", "validFrom", "issuer", "credentialSubject", "proof", "favouriteColour",
            "@id", "@type", "@value", "@language", "@list", "@set", "@graph", "@context", "@reverse", "@included",
            "mc:level", "https://example.com/p", "_:b0", ""};

    /**
     * Random single changes anywhere in an issuer credential — a value replaced by any kind of JSON, a key renamed
     * to a term, an undefined term or a keyword, a key removed or added: whether or not the direct path keeps the
     * document, the answer must be titanium's, N-Quads or exception.
     */
    @TestFactory
    Stream<DynamicTest> randomChangesNeverGiveADifferentAnswer() {
        Random random = new Random(SEED + 1);
        return IntStream.range(0, COUNT).mapToObj(n -> {
            ObjectNode document = IssuerShapedCredentials.random(random);
            List<String> paths = new ArrayList<>();
            collect(document, "", paths);
            String path = paths.get(random.nextInt(paths.size()));
            int kind = random.nextInt(4);
            JsonNode value = randomValue(random);
            String key = KEYS[random.nextInt(KEYS.length)];
            change(document, path, kind, key, value);
            return DynamicTest.dynamicTest("seed=" + SEED + " #" + n + " kind " + kind + " at " + path + " " + key
                    + " " + value, () -> assertThat(outcome(() -> direct.canonicalize(document)))
                            .as(document.toString()).isEqualTo(outcome(() -> titanium.canonicalize(document))));
        });
    }

    private static JsonNode randomValue(Random random) {
        switch (random.nextInt(16)) {
            case 0: return JSON.textNode("https://example.com/" + random.nextInt(100));
            case 1: return JSON.textNode("relative/" + random.nextInt(100));
            case 2: return JSON.textNode("_:b" + random.nextInt(3));
            case 3: return JSON.textNode("mc:x");
            case 4: return JSON.numberNode(random.nextInt(1000) - 500);
            case 5: return JSON.numberNode(random.nextDouble() * 1e6);
            case 6: return JSON.numberNode(new java.math.BigDecimal("1E+" + random.nextInt(30)));
            case 7: return JSON.booleanNode(random.nextBoolean());
            case 8: return JSON.nullNode();
            case 9: return JSON.arrayNode();
            case 10: return JSON.objectNode();
            case 11: return JSON.arrayNode().add("Evidence").add("https://example.com/T");
            case 12: return JSON.objectNode().put("id", "https://example.com/n" + random.nextInt(3));
            case 13: return JSON.objectNode().put("type", "Evidence").put("name", "x" + random.nextInt(3));
            case 14: return JSON.objectNode().put("@value", "v").put("@type", "https://example.com/dt");
            default: return JSON.textNode("Réussi \"" + random.nextInt(10) + "\"\n");
        }
    }

    /** Every value's JSON pointer, the root and the @context excluded. */
    private static void collect(JsonNode node, String pointer, List<String> out) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                if (!"@context".equals(name)) {
                    String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                    out.add(child);
                    collect(node.get(name), child, out);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.add(pointer + "/" + i);
                collect(node.get(i), pointer + "/" + i, out);
            }
        }
    }

    private static void change(ObjectNode document, String path, int kind, String key, JsonNode value) {
        com.fasterxml.jackson.core.JsonPointer pointer = com.fasterxml.jackson.core.JsonPointer.compile(path);
        JsonNode parent = document.at(pointer.head());
        String last = pointer.last().getMatchingProperty();
        if (parent.isArray()) {
            ArrayNode array = (ArrayNode) parent;
            int index = pointer.last().getMatchingIndex();
            if (kind == 1) {
                array.remove(index);
            } else {
                array.set(index, value);
            }
            return;
        }
        ObjectNode object = (ObjectNode) parent;
        switch (kind) {
            case 0:
                object.set(last, value);
                break;
            case 1:
                object.remove(last);
                break;
            case 2:
                JsonNode moved = object.remove(last);
                object.set(key, moved);
                break;
            default:
                object.set(key, value);
        }
    }

    @Test
    void officialVectorCanonicalisesToTheSpecNQuadsOnTheDirectPath() {
        ObjectNode document = TestVectors.signedVector();
        document.remove("proof");

        String canonical = direct.tryDirect(document);

        assertThat(canonical).as("direct path taken").isNotNull();
        assertThat(canonical.getBytes(StandardCharsets.UTF_8))
                .isEqualTo(TestVectors.text("document-canon.txt").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void officialVectorProofOptionsCanonicaliseToTheSpecNQuads() {
        ObjectNode vector = TestVectors.signedVector();
        ObjectNode proofConfig = ((ObjectNode) vector.get("proof")).deepCopy();
        proofConfig.remove("proofValue");
        proofConfig.set("@context", vector.get("@context"));

        assertThat(direct.canonicalize(proofConfig).getBytes(StandardCharsets.UTF_8))
                .isEqualTo(TestVectors.text("proof-canon.txt").getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"basicOpenBadgeCredential.json", "achievementAlignmentCase.json",
            "achievementAlignmentCe.json", "spec-test-vector-signed-eddsa-rdfc-2022.json"})
    void publishedExamplesGiveTitaniumsAnswer(String example) {
        ObjectNode document = TestVectors.json(example);

        assertThat(outcome(() -> direct.canonicalize(document))).isEqualTo(outcome(() -> titanium.canonicalize(document)));
    }

    @Test
    void libraryBuiltCredentialsWithAListTakeTheDirectPath() {
        for (int i = 0; i < 10; i++) {
            // SampleCredentials' result description has allowedValue, an @list
            ObjectNode document = OpenBadgeCredentials.toJson(SampleCredentials.issued("did:web:issuer.microcred.ca", i));
            assertThat(document.toString()).contains("allowedValue");

            assertThat(direct.tryDirect(document)).isNotNull().isEqualTo(titanium.canonicalize(document));
        }
    }

    /** A change to a fixed issuer credential, and whether the direct path may keep it. */
    record Variant(String name, boolean direct, Consumer<ObjectNode> change) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Variant> variants() {
        return Stream.of(
                // outside the direct path: the general pipeline decides (result or exception)
                new Variant("unknown term at the root", false, d -> d.put("favouriteColour", "blue")),
                new Variant("unknown term in the achievement", false, d -> achievement(d).put("favouriteColour", "blue")),
                new Variant("absolute IRI as a key", false, d -> d.put("https://example.com/ns#hidden", "x")),
                new Variant("compact IRI as a key", false, d -> achievement(d).put("mc:level", "x")),
                new Variant("relative evidence id", false, d -> evidence(d).put("id", "relative/portfolio")),
                new Variant("malformed id", false, d -> evidence(d).put("id", "h tps://bad")),
                new Variant("relative type", false, d -> evidence(d).putArray("type").add("NotATerm")),
                new Variant("relative @id-coerced value", false, d -> achievement(d).putArray("stacksInto").add("a-40")),
                new Variant("blank node id", false, d -> evidence(d).put("id", "_:b0")),
                new Variant("compact IRI id with a defined prefix", false, d -> evidence(d).put("id", "mc:portfolio")),
                new Variant("@graph", false, d -> d.putArray("@graph").addObject().put("id", "https://example.com/x")),
                new Variant("@id keyword", false, d -> evidence(d).put("@id", "https://example.com/e")),
                new Variant("@type keyword", false, d -> d.put("@type", "VerifiableCredential")),
                new Variant("value object with a language", false, d -> achievement(d).set("description",
                        JSON.objectNode().put("@value", "Soudure").put("@language", "fr"))),
                new Variant("value object with a bad language tag", false, d -> achievement(d).set("description",
                        JSON.objectNode().put("@value", "x").put("@language", "not a tag!"))),
                new Variant("nested context", false, d -> achievement(d).putObject("@context").put("extra", "https://example.com/extra")),
                new Variant("unknown context", false, d -> contexts(d).add("https://example.com/unknown.jsonld")),
                new Variant("protected term redefined", false, d -> contexts(d).addObject().put("name", "https://example.com/name")),
                new Variant("default language", false, d -> contexts(d).addObject().put("@language", "fr")),
                new Variant("language map", false, d -> {
                    contexts(d).addObject().putObject("labels").put("@id", "https://example.com/labels").put("@container", "@language");
                    d.putObject("labels").put("en", "Welding").put("fr", "Soudage");
                }),
                new Variant("explicit @list", false, d -> achievement(d).putObject("tag").putArray("@list").add("a").add("b")),
                new Variant("nested array", false, d -> achievement(d).putArray("prerequisites").add(JSON.arrayNode().add("x"))),
                new Variant("id that is not a string", false, d -> evidence(d).put("id", 5)),
                new Variant("type that is not a string", false, d -> evidence(d).putArray("type").add(5)),
                new Variant("two identical alignments", false, d -> {
                    ArrayNode alignments = achievement(d).putArray("alignment");
                    for (int i = 0; i < 2; i++) {
                        ObjectNode a = alignments.addObject();
                        a.putArray("type").add("Alignment");
                        a.put("targetName", "weld").put("targetUrl", "https://skills.example.ca/1").put("targetCode", "S1");
                    }
                }),
                new Variant("empty object", false, d -> d.putArray("evidence").addObject()),
                new Variant("proof with a graph container", false, d -> d.putObject("proof").put("type", "DataIntegrityProof")),
                new Variant("no context", false, d -> d.remove("@context")),
                // inside: numbers, nulls, empty arrays and merged nodes take the direct path
                new Variant("fractional credits", true, d -> achievement(d).put("creditsAvailable", 1.5)),
                new Variant("whole double credits", true, d -> achievement(d).put("creditsAvailable", 3.0)),
                new Variant("huge workload", true, d -> achievement(d).put("workloadHours", 1e22)),
                new Variant("negative fraction", true, d -> achievement(d).put("workloadHours", -0.125)),
                new Variant("long workload", true, d -> achievement(d).put("workloadHours", 9_007_199_254_740_993L)),
                new Variant("typed number", true, d -> achievement(d).put("competencyBased", 1)),
                new Variant("boolean where a string is usual", true, d -> achievement(d).put("level", true)),
                new Variant("null value", true, d -> achievement(d).putNull("description")),
                new Variant("nulls in an array", true, d -> achievement(d).putArray("prerequisites").addNull().add("x").addNull()),
                new Variant("empty array", true, d -> achievement(d).putArray("alignment")),
                new Variant("type as a string", true, d -> evidence(d).put("type", "Evidence")),
                new Variant("allowed values as a list", true, d -> {
                    ObjectNode description = (ObjectNode) achievement(d).get("resultDescription").get(0);
                    description.putArray("allowedValue").add("A").add("B").add("A").add("Réussi");
                }),
                new Variant("empty list", true, d -> ((ObjectNode) achievement(d).get("resultDescription").get(0))
                        .putArray("allowedValue")),
                new Variant("same evidence twice", true, d -> {
                    ArrayNode evidence = d.putArray("evidence");
                    for (int i = 0; i < 2; i++) {
                        evidence.addObject().put("id", "https://portfolio.example.ca/same").putArray("type").add("Evidence");
                    }
                }),
                new Variant("creator is the issuer", true, d -> achievement(d).set("creator", d.get("issuer").deepCopy())),
                new Variant("reference by id only", true, d -> achievement(d).putObject("creator").put("id", "did:web:x.example.ca")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void documentsOutsideTheShapeGetTitaniumsAnswerOrException(Variant variant) {
        ObjectNode document = IssuerShapedCredentials.random(new Random(42));
        variant.change().accept(document);

        String expected = outcome(() -> titanium.canonicalize(document));

        assertThat(outcome(() -> direct.canonicalize(document))).isEqualTo(expected);
        assertThat(outcome(() -> direct.canonicalize(JsonInterop.toJakarta(document)))).isEqualTo(expected);
        if (variant.direct()) {
            assertThat(direct.tryDirect(document)).as("direct path taken").isNotNull();
        } else {
            assertThat(direct.tryDirect(document)).as("left to the general pipeline").isNull();
        }
    }

    @Test
    void literalsAreEscapedAsTitaniumEscapesThem() {
        StringBuilder every = new StringBuilder();
        for (char ch = 0; ch < 0x3000; ch++) {
            every.append(ch);
        }
        every.append("\ud83d\ude00\ud800x\udfff");
        for (String value : new String[] {every.toString(), "", "plain", "\"\\\n\r\t\b\f"}) {
            StringBuilder escaped = new StringBuilder();
            DirectCanonicalizer.escape(escaped, value);
            assertThat(escaped.toString()).isEqualTo(com.apicatalog.rdf.nquads.NQuadsAlphabet.escape(value));
        }
    }

    @Test
    void blankNodesWithCollidingHashesAreLeftToTheGeneralAlgorithm() {
        // identity objects that differ only through the blank nodes they hang off need the n-degree hashes
        ObjectNode document = IssuerShapedCredentials.random(new Random(7));
        ArrayNode identifiers = (ArrayNode) document.get("credentialSubject").get("identifier");
        identifiers.removeAll();
        for (int i = 0; i < 3; i++) {
            identifiers.addObject().put("type", "IdentityObject").put("identityType", "name").put("hashed", false)
                    .put("identityHash", "same");
        }

        assertThat(direct.tryDirect(document)).isNull();
        assertThat(direct.canonicalize(document)).isEqualTo(titanium.canonicalize(document));
    }

    @Test
    void aPoisonGraphStillExhaustsTheWorkBudget() {
        // blank nodes all linked to one another: the n-degree hashes would try every permutation
        ObjectNode document = JSON.objectNode();
        document.putArray("@context").add(OfflineDocumentLoader.CREDENTIALS_V2).addObject().putObject("link")
                .put("@id", "https://example.com/link").put("@type", "@id");
        document.put("id", "urn:example:poison");
        ArrayNode nodes = document.putArray("link");
        int size = 9;
        for (int i = 0; i < size; i++) {
            ObjectNode node = nodes.addObject().put("id", "_:n" + i);
            ArrayNode links = node.putArray("link");
            for (int j = 0; j < size; j++) {
                if (j != i) {
                    links.add("_:n" + j);
                }
            }
        }

        String expected = outcome(() -> titanium.canonicalize(document));

        assertThat(expected).startsWith(JsonLdException.class.getName()).contains("canonicalisation aborted");
        assertThat(outcome(() -> direct.canonicalize(document))).isEqualTo(expected);
    }

    /**
     * titanium-rdfc spends 3 + 8 ticks per evidence item here (7 related statements and one hash each); 24,999
     * items fit the 200,000-tick budget, 25,000 do not. The general pipeline needs about two minutes for these
     * documents, so the test runs only with {@code -Dcanon.budget=true}.
     */
    @Test
    @EnabledIfSystemProperty(named = "canon.budget", matches = "true")
    void theDirectPathKeepsTheWorkBudgetToTheTick() {
        ObjectNode fits = manyEvidenceItems(24_999);
        ObjectNode exceeds = manyEvidenceItems(25_000);

        assertThat(direct.tryDirect(fits)).isNotNull().isEqualTo(titanium.canonicalize(fits));
        assertThat(direct.tryDirect(exceeds)).isNull();
        String expected = outcome(() -> titanium.canonicalize(exceeds));
        assertThat(expected).startsWith(JsonLdException.class.getName()).contains("canonicalisation aborted");
        assertThat(outcome(() -> direct.canonicalize(exceeds))).isEqualTo(expected);
    }

    private static ObjectNode manyEvidenceItems(int count) {
        ObjectNode document = JSON.objectNode();
        document.putArray("@context").add(OfflineDocumentLoader.CREDENTIALS_V2).add(OfflineDocumentLoader.OPEN_BADGES_V3);
        document.put("id", "urn:example:many");
        document.putArray("type").add("VerifiableCredential").add("OpenBadgeCredential");
        ArrayNode evidence = document.putArray("evidence");
        for (int i = 0; i < count; i++) {
            ObjectNode item = evidence.addObject();
            item.put("type", "Evidence");
            item.put("name", "e" + i).put("narrative", "n").put("description", "d").put("genre", "g").put("audience", "a");
        }
        return document;
    }

    @Test
    void givesTheSameAnswerFromManyThreadsWithAFreshCache() throws Exception {
        DirectCanonicalizer fresh = new DirectCanonicalizer(new JsonLdCanonicalizer(OfflineDocumentLoader.bundled()));
        Random random = new Random(SEED);
        List<ObjectNode> documents = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ObjectNode document = IssuerShapedCredentials.random(random);
            documents.add(document);
            expected.add(titanium.canonicalize(document));
        }
        ConcurrentAnswers.assertSameFromManyThreads(documents, expected, fresh::tryDirect);
    }

    private static ObjectNode achievement(ObjectNode document) {
        return (ObjectNode) document.get("credentialSubject").get("achievement");
    }

    private static ObjectNode evidence(ObjectNode document) {
        JsonNode evidence = document.get("evidence");
        if (evidence == null || evidence.isEmpty()) {
            ObjectNode item = document.putArray("evidence").addObject();
            item.put("id", "https://portfolio.example.ca/x");
            item.putArray("type").add("Evidence");
            return item;
        }
        return (ObjectNode) evidence.get(0);
    }

    private static ArrayNode contexts(ObjectNode document) {
        return (ArrayNode) document.get("@context");
    }

    /** The N-Quads, or the exception's class and message. */
    private static String outcome(java.util.function.Supplier<String> canonicalisation) {
        try {
            return "N-Quads:\n" + canonicalisation.get();
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }
}
