package ca.microcred.systemtests.stress;

import ca.microcred.credentials.jsonld.JsonLdCanonicalizer;
import ca.microcred.systemtests.Actors;
import ca.microcred.systemtests.SystemUnderTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 6, verification soundness: random single mutations of valid credentials from our issuer, in both proof
 * formats, submitted by value to verification-service. Not one may come back verified; none may cause a 5xx.
 */
class VerificationSoundnessIT {

    private static final String PROVIDER = "prov-stress-soundness";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void noMutatedCredentialIsAccepted() throws Exception {
        SystemUnderTest system = StressSystem.get();
        Actors actors = StressSystem.actors();
        actors.registerAndAccredit(PROVIDER);
        String achievement = actors.publishAchievement(PROVIDER, "S5.6.2", "21211");
        String cohort = actors.scheduleCohort(PROVIDER, achievement, 10);
        String dataIntegrityId = actors.completeCohort(PROVIDER, achievement, cohort, List.of(
                Actors.learner("Zoé Gagnon", "zoe.gagnon@example.ca", true, true, List.of("https://zoe.example.ca"))),
                null).getString("credentials[0].credentialId");
        String jwtCohort = actors.scheduleCohort(PROVIDER, achievement, 10);
        String jwtId = actors.completeCohort(PROVIDER, achievement, jwtCohort, List.of(
                Actors.learner("Noah Côté", "noah.cote@example.ca", true, false, List.of())), "vc-jwt")
                .getString("credentials[0].credentialId");

        // a completion is signed after it is accepted: the credentials appear shortly after the 202
        byte[] dataIntegrity = await().atMost(Duration.ofSeconds(60)).until(() -> given()
                .get(system.issuer.baseUrl() + "/credentials/" + dataIntegrityId), r -> r.statusCode() == 200)
                .asByteArray();
        String jwt = await().atMost(Duration.ofSeconds(60)).until(() -> given()
                .get(system.issuer.baseUrl() + "/credentials/" + jwtId + ".jwt"), r -> r.statusCode() == 200)
                .asString().strip();
        // the originals verify: a mutation's refusal then means the mutation was caught
        await().atMost(Duration.ofSeconds(60)).until(() -> verifiedByValue(system, "application/ld+json", dataIntegrity)
                && verifiedByValue(system, "application/jwt", jwt.getBytes(StandardCharsets.US_ASCII)));

        int mutations = Stress.size(300, 10_000);
        SplittableRandom random = new SplittableRandom(20261129L);
        JsonNode document = JSON.readTree(dataIntegrity);
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refusedAsNotACredential = new AtomicInteger();
        AtomicInteger serverErrors = new AtomicInteger();
        AtomicInteger graphPreserving = new AtomicInteger();
        String originalGraph = graphWithoutProof((ObjectNode) document);
        List<String> acceptedExamples = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < mutations; i++) {
            boolean jsonLd = i % 2 == 0;
            String mutation;
            Response answer;
            ObjectNode copy = null;
            if (jsonLd) {
                copy = document.deepCopy();
                mutation = mutateJson(copy, random);
                answer = given().contentType("application/ld+json").body(JSON.writeValueAsBytes(copy))
                        .post(system.verification.baseUrl() + "/verifications");
            } else {
                String[] mutated = mutateJwt(jwt, random);
                mutation = mutated[1];
                answer = given().contentType("application/jwt").body(mutated[0].getBytes(StandardCharsets.US_ASCII))
                        .post(system.verification.baseUrl() + "/verifications");
            }
            int status = answer.statusCode();
            if (status >= 500) {
                serverErrors.incrementAndGet();
            } else if (status == 400) {
                refusedAsNotACredential.incrementAndGet();
            } else if (status == 200 && answer.jsonPath().getBoolean("verified")) {
                if (copy != null && copy.path("proof").equals(document.path("proof"))
                        && originalGraph.equals(graphWithoutProof(copy))) {
                    // the same statements, e.g. a property removed from one copy of a node that appears twice (the
                    // issuer's Profile is also the achievement's creator): nothing signed was changed
                    graphPreserving.incrementAndGet();
                    continue;
                }
                accepted.incrementAndGet();
                if (acceptedExamples.size() < 5) {
                    acceptedExamples.add(mutation);
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        List<String> failures = new ArrayList<>();
        if (accepted.get() > 0) {
            failures.add(accepted.get() + " accepted, e.g. " + acceptedExamples);
        }
        if (serverErrors.get() > 0) {
            failures.add(serverErrors.get() + " server errors");
        }
        Results.record(6, "Verification soundness",
                mutations + " single mutations (half JSON-LD eddsa-rdfc-2022, half VC-JWT) posted by value",
                String.format("%d accepted, %d verified=false, %d refused 400 as not a credential, %d 5xx, %d left the "
                                + "signed RDF graph unchanged (verified, correctly); %.0f/s",
                        accepted.get(), mutations - accepted.get() - refusedAsNotACredential.get() - serverErrors.get()
                                - graphPreserving.get(),
                        refusedAsNotACredential.get(), serverErrors.get(), graphPreserving.get(), mutations / seconds),
                failures);
        assertThat(failures).isEmpty();
    }

    /** The canonical N-Quads of the credential without its proof: what eddsa-rdfc-2022 signs. */
    private static String graphWithoutProof(ObjectNode credential) {
        ObjectNode unsigned = credential.deepCopy();
        unsigned.remove("proof");
        try {
            return JsonLdCanonicalizer.shared().canonicalize(unsigned);
        } catch (RuntimeException notCanonicalisable) {
            return "not canonicalisable: " + notCanonicalisable.getMessage();
        }
    }

    private static boolean verifiedByValue(SystemUnderTest system, String contentType, byte[] body) {
        Response answer = given().contentType(contentType).body(body).post(system.verification.baseUrl() + "/verifications");
        return answer.statusCode() == 200 && answer.jsonPath().getBoolean("verified");
    }

    /** Changes, removes or adds one value somewhere in the document; returns a description of the change. */
    static String mutateJson(ObjectNode root, SplittableRandom random) {
        List<String[]> paths = new ArrayList<>();
        collect(root, "", paths);
        String path = paths.get(random.nextInt(paths.size()))[0];
        JsonNode parent = root;
        String[] steps = path.substring(1).split("/");
        for (int i = 0; i < steps.length - 1; i++) {
            parent = parent.isArray() ? parent.get(Integer.parseInt(steps[i])) : parent.get(steps[i]);
        }
        String last = steps[steps.length - 1];
        JsonNode value = parent.isArray() ? parent.get(Integer.parseInt(last)) : parent.get(last);
        int kind = random.nextInt(3);
        if (kind == 0 && parent.isObject() && !"@context".equals(last)) {
            ((ObjectNode) parent).remove(last);
            return "removed " + path;
        }
        if (kind == 1 && parent.isObject()) {
            ((ObjectNode) parent).put("name".equals(last) ? "description" : "name", "injected " + random.nextInt(1000));
            return "added a sibling of " + path;
        }
        JsonNode replacement = changed(value, random);
        if (parent.isArray()) {
            ((ArrayNode) parent).set(Integer.parseInt(last), replacement);
        } else {
            ((ObjectNode) parent).set(last, replacement);
        }
        return "changed " + path + " from " + value + " to " + replacement;
    }

    private static JsonNode changed(JsonNode value, SplittableRandom random) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value.isBoolean()) {
            return nodes.booleanNode(!value.booleanValue());
        }
        if (value.isNumber()) {
            return nodes.numberNode(value.doubleValue() + 1 + random.nextInt(100));
        }
        String text = value.asText();
        if (text.isEmpty()) {
            return nodes.textNode("x");
        }
        int at = random.nextInt(text.length());
        char replacement = (char) ('a' + random.nextInt(26));
        if (text.charAt(at) == replacement) {
            replacement = replacement == 'z' ? 'a' : (char) (replacement + 1);
        }
        return nodes.textNode(text.substring(0, at) + replacement + text.substring(at + 1));
    }

    private static void collect(JsonNode node, String path, List<String[]> paths) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> collect(e.getValue(), path + "/" + e.getKey(), paths));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "/" + i, paths);
            }
        } else if (!path.isEmpty()) {
            paths.add(new String[]{path});
        }
    }

    /**
     * One change to a compact JWS: a claim of the payload changed and re-encoded under the original signature, or
     * one character of the header, payload or signature replaced.
     */
    static String[] mutateJwt(String jwt, SplittableRandom random) throws Exception {
        String[] parts = jwt.split("\\.");
        if (random.nextBoolean()) {
            ObjectNode payload = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            String change = mutateJson(payload, random);
            String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(payload));
            return new String[]{parts[0] + "." + encoded + "." + parts[2], "payload " + change};
        }
        int part = random.nextInt(3);
        String segment = parts[part];
        // the last character of a base64url segment may carry only padding bits; change one that carries data
        int at = random.nextInt(Math.max(1, segment.length() - 1));
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char replacement = alphabet.charAt(random.nextInt(alphabet.length()));
        if (replacement == segment.charAt(at)) {
            replacement = replacement == 'A' ? 'B' : 'A';
        }
        parts[part] = segment.substring(0, at) + replacement + segment.substring(at + 1);
        return new String[]{String.join(".", parts), "character " + at + " of JWS part " + part};
    }
}
