package ca.microcred.registry.provider.messaging;

import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.Topics;
import ca.microcred.contracts.events.LocalizedText;
import ca.microcred.contracts.events.ProviderRegistered;
import ca.microcred.devstack.DevTokens;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.registry.audit.AuditQuery;
import ca.microcred.registry.audit.AuditTrail;
import ca.microcred.registry.support.RegistryFixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class ProvidersEventsConsumerTest {

    @Inject
    AuditTrail audit;

    @Test
    void aRegistrationDeliveredTwiceHasOneEffect() {
        String providerId = RegistryFixtures.newId("prov");
        EventEnvelope registration = RegistryFixtures.publish(RegistryFixtures.provider(providerId, "NS"));
        RegistryFixtures.publish(registration);
        // a later registration of the same provider updates its profile, keeping the registry's decision
        ProviderRegistered renamed = new ProviderRegistered(providerId, new LocalizedText("Renamed college", null),
                null, null, "NS", "college", null, RegistryFixtures.now());
        await().atMost(Duration.ofSeconds(30)).until(() -> audit.recorded(registration.id(), providerId));
        RegistryFixtures.decide(providerId, "ACCREDITED", "Meets the framework");
        EventEnvelope second = RegistryFixtures.publish(renamed);
        RegistryFixtures.publish(second);

        await().atMost(Duration.ofSeconds(30)).until(() -> audit.recorded(second.id(), providerId));
        given().get("/providers/{id}", providerId).then().statusCode(200)
                .body("name.en", equalTo("Renamed college"))
                .body("accreditation", equalTo("ACCREDITED"));
        // one entry per distinct event, plus the decision; redeliveries added none
        List<String> actors = audit.find(new AuditQuery(providerId, null, null, null), 0, 10).items().stream()
                .map(e -> e.actor()).toList();
        assertEquals(List.of(registration.id(), "operator", second.id()), actors);
    }

    @Test
    void anEventOfAnotherTopicGoesToTheDeadLetterTopic() {
        String providerId = RegistryFixtures.newId("prov");
        RegistryFixtures.publishRaw(Topics.PROVIDERS, providerId, Map.of(
                "ce_specversion", "1.0",
                "ce_id", RegistryFixtures.newId("event"),
                "ce_source", RegistryFixtures.SOURCE,
                "ce_type", "ca.microcred.provider.renamed.v1",
                "ce_subject", providerId,
                "ce_time", RegistryFixtures.now().toString(),
                "content-type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8));

        List<ConsumerRecord<String, byte[]>> dead = RegistryFixtures.awaitRecords(Topics.deadLetter(Topics.PROVIDERS),
                providerId, records -> !records.isEmpty());
        assertEquals(Topics.PROVIDERS, RegistryFixtures.header(dead.get(0), "dead-letter-topic"));
        given().auth().oauth2(DevTokens.operator()).get("/operator/providers/{id}", providerId)
                .then().statusCode(404);
    }
}
