package ca.microcred.registry.provider.rest;

import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.Topics;
import ca.microcred.contracts.events.ProviderAccreditationChanged;
import ca.microcred.contracts.events.ProviderAccreditationChanged.State;
import ca.microcred.devstack.DevTokens;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.registry.audit.AuditEntry;
import ca.microcred.registry.audit.AuditQuery;
import ca.microcred.registry.audit.AuditTrail;
import ca.microcred.registry.support.RegistryFixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class AccreditationTest {

    @Inject
    AuditTrail audit;

    @Test
    void decisionsAreKeptInHistoryPublishedOnRegistryEventsAndAudited() {
        String providerId = RegistryFixtures.newId("prov");
        RegistryFixtures.registerAndAwait(providerId, "QC");
        given().get("/providers/{id}", providerId).then().statusCode(200)
                .body("accreditation", equalTo("PENDING"))
                .body("province", equalTo("QC"))
                .body("name.fr", equalTo("Collège " + providerId))
                .body("email", nullValue());

        given().auth().oauth2(DevTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("decision", "ACCREDITED", "reason", "Meets the national framework"))
                .post("/operator/providers/{id}/accreditation", providerId)
                .then().statusCode(200)
                .body("accreditation", equalTo("ACCREDITED"))
                .body("stateReason", equalTo("Meets the national framework"))
                .body("history", hasSize(1))
                .body("history[0].previousState", equalTo("PENDING"))
                .body("history[0].decidedBy", equalTo("operator"));
        given().auth().oauth2(DevTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("decision", "suspended", "reason", "Quality audit overdue"))
                .post("/operator/providers/{id}/accreditation", providerId)
                .then().statusCode(200)
                .body("accreditation", equalTo("SUSPENDED"));

        given().auth().oauth2(DevTokens.operator()).get("/operator/providers/{id}", providerId)
                .then().statusCode(200)
                .body("email", equalTo("registrar@" + providerId + ".example.ca"))
                .body("history.state", contains("ACCREDITED", "SUSPENDED"))
                .body("history.reason", contains("Meets the national framework", "Quality audit overdue"));
        given().get("/providers/{id}", providerId).then().statusCode(200).body("accreditation", equalTo("SUSPENDED"));
        given().auth().oauth2(DevTokens.operator()).queryParam("state", "SUSPENDED").queryParam("size", 500)
                .get("/providers").then().statusCode(200)
                .body("items.id", hasItem(providerId));
        given().auth().oauth2(DevTokens.operator()).queryParam("state", "PENDING").queryParam("size", 500)
                .get("/providers").then().statusCode(200)
                .body("items.id", not(hasItem(providerId)));

        List<EventEnvelope> published = RegistryFixtures.awaitEvents(Topics.REGISTRY, providerId, e -> e.size() >= 2);
        assertEquals(2, published.size());
        ProviderAccreditationChanged accredited = (ProviderAccreditationChanged) published.get(0).data();
        ProviderAccreditationChanged suspended = (ProviderAccreditationChanged) published.get(1).data();
        assertEquals(State.PENDING, accredited.previousState());
        assertEquals(State.ACCREDITED, accredited.state());
        assertEquals(State.SUSPENDED, suspended.state());
        assertEquals("Quality audit overdue", suspended.reason());
        assertEquals("operator", suspended.decidedBy());
        assertEquals("did:web:issuer.microcred.ca:providers:" + providerId, suspended.providerDid());
        assertEquals("/registry-service", published.get(1).source());

        List<AuditEntry> trail = audit.find(new AuditQuery(providerId, null, null, null), 0, 10).items();
        assertEquals(3, trail.size(), "registration and two decisions");
        assertEquals(List.of("provider", "provider", "provider"), trail.stream().map(AuditEntry::entityType).toList());
        assertEquals("operator", trail.get(2).actor());
    }

    @Test
    void aDecisionNeedsAKnownDecisionAndAReason() {
        String providerId = RegistryFixtures.newId("prov");
        RegistryFixtures.registerAndAwait(providerId, "ON");

        given().auth().oauth2(DevTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("decision", "APPROVED"))
                .post("/operator/providers/{id}/accreditation", providerId)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", containsInAnyOrder("decision", "reason"));
        given().auth().oauth2(DevTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("decision", "PENDING", "reason", "back to the start"))
                .post("/operator/providers/{id}/accreditation", providerId)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", contains("decision"));
        given().auth().oauth2(DevTokens.operator()).contentType(ContentType.JSON)
                .body("{\"decision\": ")
                .post("/operator/providers/{id}/accreditation", providerId)
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(DevTokens.operator()).queryParam("state", "DORMANT")
                .get("/providers").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", contains("state"));

        RegistryFixtures.decide(providerId, "ACCREDITED", "Meets the framework");
        given().auth().oauth2(DevTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("decision", "ACCREDITED", "reason", "again"))
                .post("/operator/providers/{id}/accreditation", providerId)
                .then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(DevTokens.operator()).get("/operator/providers/{id}", providerId)
                .then().body("history", hasSize(1));
    }

    @Test
    void unknownProvidersAre404() {
        given().get("/providers/{id}", "prov-nobody").then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(DevTokens.operator()).get("/operator/providers/{id}", "prov-nobody")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(DevTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("decision", "ACCREDITED", "reason", "ok"))
                .post("/operator/providers/{id}/accreditation", "prov-nobody")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void onlyOperatorsDecideOrListProviders() {
        String providerId = RegistryFixtures.newId("prov");
        RegistryFixtures.registerAndAwait(providerId, "BC");
        given().contentType(ContentType.JSON).body(Map.of("decision", "ACCREDITED", "reason", "ok"))
                .post("/operator/providers/{id}/accreditation", providerId)
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(DevTokens.provider(providerId)).contentType(ContentType.JSON)
                .body(Map.of("decision", "ACCREDITED", "reason", "self-accredited"))
                .post("/operator/providers/{id}/accreditation", providerId)
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(DevTokens.provider(providerId)).get("/operator/providers/{id}", providerId)
                .then().statusCode(403).contentType("application/problem+json");
        given().get("/providers").then().statusCode(401).contentType("application/problem+json");
        given().get("/providers/{id}", providerId).then().statusCode(200).body("accreditation", equalTo("PENDING"));
    }
}
