package ca.microcred.registry.ingest;

import ca.microcred.contracts.EventCodec;
import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.Topics;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.registry.support.TestEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class ConsumerLagTest {

    @Test
    void lagAndDeadLettersPerTopicAppearOnTheMetricsEndpoint() {
        // every consumed topic reports, and from the broker (-1 would mean it could not be asked)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = metrics();
            for (String topic : ConsumerLag.TOPICS) {
                assertTrue(gauge(metrics, "microcred_registry_consumer_lag", topic).orElse(-1) >= 0, topic);
                assertTrue(gauge(metrics, "microcred_registry_dead_letters", topic).orElse(-1) >= 0, topic);
            }
        });
        double deadBefore = gauge(metrics(), "microcred_registry_dead_letters", Topics.COHORTS).orElseThrow();

        String credentialId = TestEvents.newId("cred");
        EventEnvelope valid = EventEnvelope.of(TestEvents.SOURCE, TestEvents.issued(credentialId, TestEvents.newId("prov")));
        Map<String, String> headers = new HashMap<>(TestEvents.headersOf(valid));
        headers.put(EventCodec.CE_ID, TestEvents.newId("event"));
        TestEvents.publishRaw(Topics.COHORTS, TestEvents.newId("cohort"), headers,
                "not json".getBytes(StandardCharsets.UTF_8));
        TestEvents.publish(valid);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertTrue(
                gauge(metrics(), "microcred_registry_dead_letters", Topics.COHORTS).orElse(-1) >= deadBefore + 1,
                "the poison event on cohorts.events is counted on its dead-letter topic"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/credentials/{id}", credentialId).statusCode() == 200);
        // once the consumer has committed what it processed, nothing is left behind on the topic
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertTrue(
                gauge(metrics(), "microcred_registry_consumer_lag", Topics.CREDENTIALS).orElse(-1) == 0,
                "credentials.events lag drops to zero"));
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static OptionalDouble gauge(String metrics, String name, String topic) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{topic=\"" + Pattern.quote(topic) + "\"} (\\S+)$")
                .matcher(metrics);
        return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
    }
}
