package ca.microcred.credentials.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ca.microcred.credentials.SampleCredentials;
import ca.microcred.credentials.TestVectors;
import ca.microcred.credentials.did.DidWeb;
import ca.microcred.credentials.keys.Ed25519KeyPair;
import ca.microcred.credentials.keys.KeyResolver;
import ca.microcred.credentials.openbadges.OpenBadgeCredentials;

/**
 * Property: any single change to a signed credential — a value edited, a field removed, renamed or added, a node added,
 * anywhere in the document, proof or JWS header — is rejected by the verifier, for both proof formats.
 *
 * <p>
 * Mutations come from a seeded random stream; the seed is in every test's display name. Re-run a failure
 * with {@code -Dmutation.seed=<seed>}; {@code -Dmutation.count=<n>} changes how many are tried per format.
 */
class SignedFieldMutationTest {

    private static final long SEED = Long.getLong("mutation.seed", new SecureRandom().nextLong());
    private static final int COUNT = Integer.getInteger("mutation.count", 150);
    private static final int CREDENTIALS = 3;

    private static final String DID = DidWeb.fromUrl("https://issuer.microcred.ca/providers/p-1");
    private static final String KID = DID + "#key-1";
    private static final Ed25519KeyPair KEY = Ed25519KeyPair.fromSeed(new byte[32]);
    private static final KeyResolver RESOLVER = KeyResolver.didDocument(
            DidWeb.document(DID).activeKey("key-1", KEY.publicKey()).build());
    private static final Instant CREATED = Instant.parse("2026-05-01T12:00:05Z");

    private static List<ObjectNode> signed;
    private static List<String> tokens;

    enum Format { DATA_INTEGRITY, VC_JWT_PAYLOAD, VC_JWT_HEADER }

    enum Kind { EDIT_VALUE, REMOVE, RENAME_KEY, ADD_FIELD, ADD_NODE }

    record Mutation(long seed, int number, Format format, int credential, Kind kind, String path, long choice) {
        @Override
        public String toString() {
            return "seed=" + seed + " #" + number + " " + format + " credential " + credential + " " + kind + " " + path;
        }
    }

    @BeforeAll
    static void sign() {
        signed = new ArrayList<>();
        tokens = new ArrayList<>();
        for (int i = 0; i < CREDENTIALS; i++) {
            ObjectNode credential = OpenBadgeCredentials.toJson(SampleCredentials.issued(DID, i));
            signed.add(DataIntegrityProofs.sign(credential, KEY, KID, CREATED));
            tokens.add(VcJwt.sign(credential, KEY, KID));
        }
    }

    @Test
    void unchangedCredentialsVerifyInBothFormats() {
        for (int i = 0; i < CREDENTIALS; i++) {
            assertThat(DataIntegrityProofs.verify(signed.get(i), RESOLVER).verified()).isTrue();
            assertThat(VcJwt.verify(tokens.get(i), RESOLVER).verified()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void anySingleChangeIsRejected(Mutation mutation) {
        VerificationResult result;
        switch (mutation.format()) {
            case DATA_INTEGRITY: {
                ObjectNode tampered = signed.get(mutation.credential()).deepCopy();
                ObjectNode root = apply(tampered, mutation);
                assertThat(root).isNotEqualTo(signed.get(mutation.credential()));
                result = DataIntegrityProofs.verify(root, RESOLVER);
                break;
            }
            case VC_JWT_PAYLOAD:
            case VC_JWT_HEADER: {
                String[] parts = tokens.get(mutation.credential()).split("\\.");
                int part = mutation.format() == Format.VC_JWT_HEADER ? 0 : 1;
                ObjectNode json = decode(parts[part]);
                ObjectNode tampered = apply(json, mutation);
                parts[part] = Base64.getUrlEncoder().withoutPadding().encodeToString(tampered.toString().getBytes(StandardCharsets.UTF_8));
                result = VcJwt.verify(String.join(".", parts), RESOLVER);
                break;
            }
            default:
                throw new IllegalStateException(mutation.format().name());
        }
        assertThat(result.verified()).as("%s was accepted", mutation).isFalse();
        assertThat(result.reason()).isNotNull();
    }

    static Stream<Mutation> mutations() {
        Random random = new Random(SEED);
        List<Mutation> all = new ArrayList<>();
        int number = 0;
        for (Format format : Format.values()) {
            int count = format == Format.VC_JWT_HEADER ? Math.max(10, COUNT / 10) : COUNT;
            for (int i = 0; i < count; i++) {
                int credential = random.nextInt(CREDENTIALS);
                JsonNode document = format == Format.DATA_INTEGRITY ? signed.get(credential)
                        : decode(tokens.get(credential).split("\\.")[format == Format.VC_JWT_HEADER ? 0 : 1]);
                List<String> paths = new ArrayList<>();
                collect(document, "", paths);
                String path = paths.get(random.nextInt(paths.size()));
                Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
                all.add(new Mutation(SEED, number++, format, credential, kind, path, random.nextLong()));
            }
        }
        return all.stream();
    }

    /** Every value's JSON pointer (objects and arrays included, the root excluded). */
    private static void collect(JsonNode node, String pointer, List<String> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String child = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
                out.add(child);
                collect(field.getValue(), child, out);
            }
        } else if (node.isArray()) {
            IntStream.range(0, node.size()).forEach(i -> {
                String child = pointer + "/" + i;
                out.add(child);
                collect(node.get(i), child, out);
            });
        }
    }

    private static ObjectNode apply(ObjectNode root, Mutation mutation) {
        Random random = new Random(mutation.choice());
        JsonPointer pointer = JsonPointer.compile(mutation.path());
        JsonNode parent = root.at(pointer.head());
        String last = pointer.last().getMatchingProperty();
        JsonNode target = root.at(pointer);
        Kind kind = mutation.kind();
        if (kind == Kind.RENAME_KEY && !parent.isObject()) {
            kind = Kind.EDIT_VALUE;
        }
        if ((kind == Kind.ADD_FIELD || kind == Kind.ADD_NODE) && !target.isObject()) {
            kind = Kind.EDIT_VALUE;
        }
        if (kind == Kind.EDIT_VALUE && (target.isContainerNode() || target.isNull())) {
            kind = Kind.REMOVE;
        }
        switch (kind) {
            case REMOVE:
                if (parent.isObject()) {
                    ((ObjectNode) parent).remove(last);
                } else {
                    ((ArrayNode) parent).remove(pointer.last().getMatchingIndex());
                }
                break;
            case RENAME_KEY:
                ((ObjectNode) parent).set(last + randomSuffix(random), ((ObjectNode) parent).remove(last));
                break;
            case ADD_FIELD:
                // an undefined term, or a full IRI that needs no term
                String field = (random.nextBoolean() ? "extra" : "https://example.com/ns#extra") + randomSuffix(random);
                ((ObjectNode) target).put(field, "added after signing");
                break;
            case ADD_NODE: {
                // a nested node whose id RDF conversion would skip must not slip past the signature
                ObjectNode node = ((ObjectNode) target).putObject("https://example.com/ns#node" + randomSuffix(random));
                String[] ids = {"relative-id", "h tps://invalid.example", "urn:uuid:0b5e4f2a", null};
                String id = ids[random.nextInt(ids.length)];
                if (id != null) {
                    node.put("id", id);
                }
                node.put("name", "added after signing");
                break;
            }
            case EDIT_VALUE:
                replace(parent, pointer, edited(target, random));
                break;
            default:
                throw new IllegalStateException(kind.name());
        }
        return root;
    }

    private static JsonNode edited(JsonNode value, Random random) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value.isBoolean()) {
            return nodes.booleanNode(!value.booleanValue());
        }
        if (value.isIntegralNumber()) {
            return nodes.numberNode(value.longValue() + 1 + random.nextInt(1000));
        }
        if (value.isNumber()) {
            return nodes.numberNode(value.doubleValue() + 1.0);
        }
        String text = value.asText();
        String alphabet = "abcXYZ019-é ";
        if (text.isEmpty() || random.nextBoolean()) {
            return nodes.textNode(text + alphabet.charAt(random.nextInt(alphabet.length())));
        }
        int at = random.nextInt(text.length());
        char replacement;
        do {
            replacement = alphabet.charAt(random.nextInt(alphabet.length()));
        } while (replacement == text.charAt(at));
        return nodes.textNode(text.substring(0, at) + replacement + text.substring(at + 1));
    }

    private static void replace(JsonNode parent, JsonPointer pointer, JsonNode value) {
        if (parent.isObject()) {
            ((ObjectNode) parent).set(pointer.last().getMatchingProperty(), value);
        } else {
            ((ArrayNode) parent).set(pointer.last().getMatchingIndex(), value);
        }
    }

    private static String randomSuffix(Random random) {
        return Integer.toString(1 + random.nextInt(99));
    }

    private static ObjectNode decode(String part) {
        try {
            return (ObjectNode) TestVectors.MAPPER.readTree(Base64.getUrlDecoder().decode(part));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
