package ca.microcred.verification.verify.rest;

import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.verification.support.TestCredentials;
import ca.microcred.verification.support.TestCredentials.Issuer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import static ca.microcred.verification.support.VerificationAnswers.outcome;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Any one-field change to a signed credential must fail its proof: a seeded random mutation (change one value or
 * remove one property, anywhere, the proof included) of the specification's signed example and of a credential
 * signed by our library. The seed is in the test's name, so a failure replays exactly.
 */
@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class TamperTest {

    private static final long BASE_SEED = 20_251_129L;
    private static final int CASES = 60;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static ObjectNode ours;

    static LongStream seeds() {
        return LongStream.range(BASE_SEED, BASE_SEED + CASES);
    }

    @ParameterizedTest(name = "one-field tamper, seed {0}")
    @MethodSource("seeds")
    void anyOneFieldTamperFailsTheProof(long seed) {
        Random random = new Random(seed);
        ObjectNode original = random.nextBoolean() ? TestCredentials.officialVector() : ours();
        ObjectNode tampered = original.deepCopy();
        String change = mutate(tampered, random);
        // the change must be a real one, or the test proves nothing
        assertNotEquals(original, tampered, change);

        given().contentType("application/ld+json").body(SubmittedVerificationTest.utf8(tampered.toString()))
                .when().post("/verifications")
                .then().statusCode(200)
                .body("verified", is(false))
                .body(outcome("proof"), equalTo("FAIL"));
    }

    private static synchronized ObjectNode ours() {
        if (ours == null) {
            Issuer issuer = Issuer.generate();
            ours = TestCredentials.sign(TestCredentials.unsigned(issuer.did()), issuer);
        }
        return ours.deepCopy();
    }

    /** Changes one leaf value or removes one property or array item, chosen at random; describes the change. */
    static String mutate(ObjectNode root, Random random) {
        List<Slot> slots = new ArrayList<>();
        collect(root, "", slots);
        Slot slot = slots.get(random.nextInt(slots.size()));
        JsonNode value = slot.value();
        boolean remove = random.nextInt(3) == 0 || !value.isValueNode();
        if (remove) {
            if (slot.parent() instanceof ObjectNode object) {
                object.remove(slot.field());
            } else {
                ((ArrayNode) slot.parent()).remove(slot.index());
            }
            return "removed " + slot.path();
        }
        JsonNode changed;
        if (value.isTextual()) {
            String text = value.asText();
            int at = text.isEmpty() ? 0 : random.nextInt(text.length());
            char replacement;
            do {
                replacement = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            } while (!text.isEmpty() && replacement == text.charAt(at));
            changed = TextNode.valueOf(text.isEmpty() ? String.valueOf(replacement)
                    : text.substring(0, at) + replacement + text.substring(at + 1));
        } else if (value.isBoolean()) {
            changed = BooleanNode.valueOf(!value.asBoolean());
        } else {
            changed = TextNode.valueOf(value.asText() + "1");
        }
        if (slot.parent() instanceof ObjectNode object) {
            object.set(slot.field(), changed);
        } else {
            ((ArrayNode) slot.parent()).set(slot.index(), changed);
        }
        return "changed " + slot.path() + " to " + changed;
    }

    private record Slot(JsonNode parent, String field, int index, JsonNode value, String path) {
    }

    private static void collect(JsonNode node, String path, List<Slot> slots) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                String p = path + "/" + e.getKey();
                slots.add(new Slot(node, e.getKey(), -1, e.getValue(), p));
                collect(e.getValue(), p, slots);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String p = path + "/" + i;
                slots.add(new Slot(node, null, i, node.get(i), p));
                collect(node.get(i), p, slots);
            }
        }
    }
}
