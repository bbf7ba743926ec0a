package ca.microcred.registry.audit.rest;

import ca.microcred.devstack.DevTokens;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.registry.audit.AuditEntry;
import ca.microcred.registry.audit.AuditTrail;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class AuditResourceTest {

    @Inject
    AuditTrail trail;

    @Test
    void operatorsQueryEntriesByEntityAndProviderWithPaging() {
        String entity = "cred-" + UUID.randomUUID();
        String provider = "prov-" + UUID.randomUUID();
        AuditEntry first = trail.append("event-a", "credential", entity, provider, Map.of("status", "ACTIVE"));
        AuditEntry second = trail.append("operator", "credential", entity, provider, Map.of("status", "REVOKED"));
        trail.append("event-c", "credential", "other-" + entity, provider, Map.of("status", "ACTIVE"));

        given().auth().oauth2(DevTokens.operator())
                .queryParam("entityId", entity).queryParam("size", 1)
                .get("/operator/audit")
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("items", hasSize(1))
                .body("items[0].seq", equalTo((int) first.seq()))
                .body("items[0].actor", equalTo("event-a"))
                .body("items[0].stateHash", equalTo(first.stateHash()))
                .body("items[0].hash", equalTo(first.hash()));
        given().auth().oauth2(DevTokens.operator())
                .queryParam("entityId", entity).queryParam("size", 1).queryParam("page", 1)
                .get("/operator/audit")
                .then().statusCode(200)
                .body("items[0].seq", equalTo((int) second.seq()))
                .body("items[0].prevHash", equalTo(entityChainPrev(second)));
        given().auth().oauth2(DevTokens.operator())
                .queryParam("providerId", provider)
                .get("/operator/audit")
                .then().statusCode(200)
                .body("total", equalTo(3));
        given().auth().oauth2(DevTokens.operator())
                .queryParam("providerId", provider)
                .queryParam("from", first.time().toString())
                .queryParam("to", Instant.now().plusSeconds(60).toString())
                .get("/operator/audit")
                .then().statusCode(200)
                .body("total", equalTo(3));
        given().auth().oauth2(DevTokens.operator())
                .queryParam("providerId", provider)
                .queryParam("to", first.time().toString())
                .get("/operator/audit")
                .then().statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void exportStreamsJsonLinesAndCsv() throws Exception {
        String provider = "prov-" + UUID.randomUUID();
        AuditEntry a = trail.append("event-a", "credential", "cred-1", provider, Map.of("n", 1));
        AuditEntry b = trail.append("operator", "provider", provider, provider, Map.of("n", 2));

        String lines = given().auth().oauth2(DevTokens.operator()).accept("application/x-ndjson")
                .queryParam("providerId", provider)
                .get("/operator/audit/export")
                .then().statusCode(200).contentType(startsWith("application/x-ndjson"))
                .extract().asString();
        List<String> jsonl = Arrays.stream(lines.split("\n")).filter(l -> !l.isBlank()).toList();
        assertEquals(2, jsonl.size());
        JsonNode firstLine = new ObjectMapper().readTree(jsonl.get(0));
        assertEquals(a.seq(), firstLine.get("seq").asLong());
        assertEquals(a.hash(), firstLine.get("hash").asText());
        assertEquals(b.hash(), new ObjectMapper().readTree(jsonl.get(1)).get("hash").asText());

        String csv = given().auth().oauth2(DevTokens.operator())
                .queryParam("providerId", provider).queryParam("format", "csv")
                .get("/operator/audit/export")
                .then().statusCode(200).contentType(startsWith("text/csv"))
                .extract().asString();
        List<String> rows = csv.lines().toList();
        assertEquals("seq,time,actor,entityType,entityId,providerId,stateHash,prevHash,hash", rows.get(0));
        assertEquals(3, rows.size());
        assertEquals(String.join(",", String.valueOf(b.seq()), b.time().toString(), "operator", "provider", provider,
                provider, b.stateHash(), b.prevHash(), b.hash()), rows.get(2));
    }

    @Test
    void verificationReportsAnIntactChain() {
        trail.append("event-v", "test", "verify-" + UUID.randomUUID(), null, Map.of("ok", true));
        given().auth().oauth2(DevTokens.operator())
                .get("/operator/audit/verify")
                .then().statusCode(200)
                .body("intact", equalTo(true))
                .body("entries", org.hamcrest.Matchers.greaterThan(0));
    }

    @Test
    void invalidParametersAreListedInOneProblem() {
        given().auth().oauth2(DevTokens.operator())
                .queryParam("from", "yesterday").queryParam("page", "-1").queryParam("size", "5000")
                .get("/operator/audit")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", containsInAnyOrder("from", "page", "size"));
        given().auth().oauth2(DevTokens.operator())
                .queryParam("format", "xml")
                .get("/operator/audit/export")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", contains("format"));
    }

    @Test
    void onlyOperatorsSeeTheAuditTrail() {
        given().get("/operator/audit").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(DevTokens.provider("prov-1")).get("/operator/audit/verify")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(DevTokens.employer("emp-1")).get("/operator/audit/export")
                .then().statusCode(403).contentType("application/problem+json");
    }

    private String entityChainPrev(AuditEntry entry) {
        return trail.find(new ca.microcred.registry.audit.AuditQuery(null, null, null, null),
                (int) (entry.seq() - 2), 1).items().get(0).hash();
    }
}
