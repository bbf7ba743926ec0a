package ca.microcred.registry.stats;

import ca.microcred.contracts.events.CohortCompleted;
import ca.microcred.contracts.events.CredentialIssued;
import ca.microcred.contracts.events.LocalizedText;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.registry.support.RegistryFixtures;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Figures are compared before and after this test's events, since other tests share the database. */
@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class StatisticsResourceTest {

    private static final String MONTH = "2019-07";

    @Test
    void statisticsFollowProvidersCataloguesCohortsAndCredentials() {
        JsonPath before = stats();
        String marker = RegistryFixtures.marker();
        String providerId = RegistryFixtures.newId("prov-yt");
        String achievementId = "stats-" + marker;
        RegistryFixtures.registerAndAwait(providerId, "YT");
        RegistryFixtures.publish(RegistryFixtures.achievement(achievementId, providerId)
                .name("Cold-climate construction", "Construction en climat froid")
                .skill("ESCO", "S6.1").skill("NOC", "72310").delivery("HYBRID", false).build());
        RegistryFixtures.decide(providerId, "ACCREDITED", "Meets the framework");
        RegistryFixtures.publish(cohort(achievementId, providerId, 10, 8, 6));
        RegistryFixtures.publish(cohort(achievementId, providerId, 10, 10, 9));
        Instant july = Instant.parse(MONTH + "-15T12:00:00Z");
        RegistryFixtures.publish(credential(achievementId, providerId, july));
        RegistryFixtures.publish(credential(achievementId, providerId, july.plusSeconds(3600)));

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonPath now = stats();
            return completion(now, achievementId) != null && ((Number) completion(now, achievementId).get("cohorts")).intValue() == 2
                    && month(now) - month(before) == 2
                    && count(now, "microCredentials.byProvince.YT") - count(before, "microCredentials.byProvince.YT") == 1;
        });

        JsonPath after = stats();
        assertEquals(1, delta(before, after, "providersByState.ACCREDITED"));
        assertEquals(1, delta(before, after, "microCredentials.total"));
        assertEquals(1, delta(before, after, "microCredentials.bySkillFramework.ESCO"));
        assertEquals(1, delta(before, after, "microCredentials.bySkillFramework.NOC"));
        assertEquals(1, delta(before, after, "microCredentials.byDeliveryMode.HYBRID"));
        Map<String, Object> rate = completion(after, achievementId);
        assertEquals(providerId, rate.get("providerId"));
        assertEquals(20, rate.get("enrolled"));
        assertEquals(18, rate.get("completed"));
        assertEquals(15, rate.get("passed"));
        assertEquals(0.9f, ((Number) rate.get("completionRate")).floatValue());
        assertEquals(0.8333f, ((Number) rate.get("passRate")).floatValue());
        assertEquals("Cold-climate construction", ((Map<?, ?>) rate.get("name")).get("en"));
        assertEquals(List.of("ACCREDITED", "PENDING", "SUSPENDED", "WITHDRAWN"),
                after.getMap("providersByState").keySet().stream().sorted().toList());
    }

    private static JsonPath stats() {
        return given().get("/stats").then().statusCode(200).extract().jsonPath();
    }

    private static long delta(JsonPath before, JsonPath after, String path) {
        return count(after, path) - count(before, path);
    }

    private static long count(JsonPath json, String path) {
        Object value = json.get(path);
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static long month(JsonPath json) {
        List<Map<String, Object>> months = json.getList("credentialsIssuedPerMonth");
        return months.stream().filter(m -> MONTH.equals(m.get("month")))
                .mapToLong(m -> ((Number) m.get("count")).longValue()).sum();
    }

    private static Map<String, Object> completion(JsonPath json, String achievementId) {
        List<Map<String, Object>> rates = json.getList("completionRates");
        return rates.stream().filter(r -> achievementId.equals(r.get("achievementId"))).findFirst().orElse(null);
    }

    private static CohortCompleted cohort(String achievementId, String providerId, int enrolled, int completed,
                                          int passed) {
        return new CohortCompleted(RegistryFixtures.newId("cohort"), RegistryFixtures.newId("completion"),
                achievementId, providerId, new LocalizedText("Cold-climate construction", null), "YT", "HYBRID", "en",
                RegistryFixtures.now(), enrolled, completed, passed, List.of());
    }

    private static CredentialIssued credential(String achievementId, String providerId, Instant issuedAt) {
        String credentialId = RegistryFixtures.newId("cred");
        ObjectNode document = JsonNodeFactory.instance.objectNode().put("id", "urn:uuid:" + credentialId);
        document.putArray("type").add("VerifiableCredential").add("OpenBadgeCredential");
        return new CredentialIssued(credentialId, achievementId, providerId, null, "sha256$" + "cd".repeat(32),
                "salt-" + credentialId, issuedAt, issuedAt, null, "none", document, null,
                "https://issuer.microcred.ca/credentials/" + credentialId);
    }
}
