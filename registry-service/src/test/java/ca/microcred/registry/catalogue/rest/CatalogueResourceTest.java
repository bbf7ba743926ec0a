package ca.microcred.registry.catalogue.rest;

import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.events.FrameworkReport;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.registry.audit.AuditQuery;
import ca.microcred.registry.audit.AuditTrail;
import ca.microcred.registry.support.RegistryFixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each test publishes its own providers and micro-credentials; a made-up word in every description scopes the
 * searches to them, since other tests share the database.
 */
@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class CatalogueResourceTest {

    @Inject
    AuditTrail audit;

    private String marker;
    private String quebec;
    private String ontario;
    private String pending;

    @BeforeEach
    void providers() {
        marker = RegistryFixtures.marker();
        quebec = RegistryFixtures.newId("prov-qc");
        ontario = RegistryFixtures.newId("prov-on");
        pending = RegistryFixtures.newId("prov-pending");
        RegistryFixtures.registerAndAwait(quebec, "QC");
        RegistryFixtures.registerAndAwait(ontario, "ON");
        RegistryFixtures.registerAndAwait(pending, "MB");
        RegistryFixtures.decide(quebec, "ACCREDITED", "Meets the framework");
        RegistryFixtures.decide(ontario, "ACCREDITED", "Meets the framework");
    }

    @Test
    void freeTextFindsFrenchTextsWithoutAccentsAndRanksNameMatchesFirst() {
        var now = RegistryFixtures.now();
        publishAll(
                RegistryFixtures.achievement("data-fr-" + marker, quebec)
                        .name("Data analysis", "Analyse de données")
                        .description("Cleaning and charts " + marker, "Nettoyage et graphiques " + marker)
                        .publishedAt(now.minus(2, ChronoUnit.DAYS)).build(),
                RegistryFixtures.achievement("spreadsheets-" + marker, ontario)
                        .name("Spreadsheets", "Tableurs")
                        .description("Working with données in tables " + marker, "Les données en tableaux " + marker)
                        .publishedAt(now.minus(1, ChronoUnit.DAYS)).build(),
                RegistryFixtures.achievement("hidden-" + marker, pending)
                        .name("Analyse de données avancée", "Analyse de données avancée")
                        .description(marker, marker).build());

        search(Map.of("q", "donnees " + marker))
                .body("total", equalTo(2))
                .body("sort", equalTo("relevance"))
                .body("items.id", contains("data-fr-" + marker, "spreadsheets-" + marker))
                .body("items[0].score", equalTo(4))
                .body("items[1].score", equalTo(2))
                .body("items[0].name.fr", equalTo("Analyse de données"))
                .body("items[0].provider.id", equalTo(quebec))
                .body("items[0].provider.province", equalTo("QC"))
                .body("items[0].frameworkReport.complete", equalTo(true));
        search(Map.of("q", "DONNÉES " + marker, "sort", "newest"))
                .body("items.id", contains("spreadsheets-" + marker, "data-fr-" + marker));
        search(Map.of("q", "analyse graphique " + marker))
                .body("items.id", contains("data-fr-" + marker));
        search(Map.of("q", "welding " + marker)).body("total", equalTo(0)).body("items", empty());
    }

    @Test
    void filtersNarrowTheHitsAndPagingCountsThemAll() {
        var now = RegistryFixtures.now();
        publishAll(
                RegistryFixtures.achievement("a-" + marker, quebec).description(marker, marker)
                        .skill("ESCO", "S1.2.3").occupations("72106").delivery("ONLINE", true).workload(12.0)
                        .languages("fr-CA").stacksInto("cert-" + marker).publishedAt(now.minus(3, ChronoUnit.HOURS))
                        .build(),
                RegistryFixtures.achievement("b-" + marker, quebec).description(marker, marker)
                        .skill("NOC", "22310").delivery("HYBRID", false).workload(40.0).languages("en", "fr")
                        .report(new FrameworkReport(true, false, true, true, true, List.of("masteryAssessment")))
                        .publishedAt(now.minus(2, ChronoUnit.HOURS)).build(),
                RegistryFixtures.achievement("c-" + marker, ontario).description(marker, marker)
                        .skill("ESCO", "S1.2.3").skill("ONET", "15-1252.00").delivery("IN_PERSON", false)
                        .workload(null).languages("en").publishedAt(now.minus(1, ChronoUnit.HOURS)).build());

        search(Map.of("q", marker, "province", "qc")).body("items.id", containsInAnyOrder("a-" + marker, "b-" + marker));
        search(Map.of("q", marker, "deliveryMode", "HYBRID")).body("items.id", contains("b-" + marker));
        search(Map.of("q", marker, "selfPaced", "true")).body("items.id", contains("a-" + marker));
        search(Map.of("q", marker, "language", "fr")).body("items.id", containsInAnyOrder("a-" + marker, "b-" + marker));
        search(Map.of("q", marker, "skill", "ESCO:S1.2.3")).body("items.id", containsInAnyOrder("a-" + marker, "c-" + marker));
        search(Map.of("q", marker, "occupation", "72106")).body("items.id", contains("a-" + marker));
        search(Map.of("q", marker, "occupation", "22310")).body("items.id", contains("b-" + marker));
        search(Map.of("q", marker, "provider", ontario)).body("items.id", contains("c-" + marker));
        search(Map.of("q", marker, "stackable", "true")).body("items.id", contains("a-" + marker));
        search(Map.of("q", marker, "workloadMin", "10", "workloadMax", "20")).body("items.id", contains("a-" + marker));
        search(Map.of("q", marker, "sort", "workload"))
                .body("items.id", contains("a-" + marker, "b-" + marker, "c-" + marker));
        search(Map.of("q", marker, "sort", "newest", "size", "2"))
                .body("total", equalTo(3))
                .body("items.id", contains("c-" + marker, "b-" + marker));
        search(Map.of("q", marker, "sort", "newest", "size", "2", "page", "1"))
                .body("total", equalTo(3))
                .body("items.id", contains("a-" + marker));
        search(Map.of("q", marker, "deliveryMode", "HYBRID"))
                .body("items[0].frameworkReport.masteryAssessment", equalTo(false))
                .body("items[0].frameworkReport.complete", equalTo(false))
                .body("items[0].frameworkReport.missing", contains("masteryAssessment"))
                .body("items[0].skills[0].framework", equalTo("NOC"));
    }

    @Test
    void anAchievementOfAProviderNotYetKnownAppearsOnceTheProviderIsAccredited() {
        String latecomer = RegistryFixtures.newId("prov-late");
        EventEnvelope published = RegistryFixtures.publish(RegistryFixtures.achievement("late-" + marker, latecomer)
                .description(marker, marker).build());
        await().atMost(Duration.ofSeconds(30)).until(() -> audit.recorded(published.id(), "late-" + marker));
        search(Map.of("q", marker)).body("total", equalTo(0));
        given().get("/catalogue/{id}", "late-" + marker).then().statusCode(404).contentType("application/problem+json");

        RegistryFixtures.registerAndAwait(latecomer, "NB");
        search(Map.of("q", marker)).body("total", equalTo(0));
        RegistryFixtures.decide(latecomer, "ACCREDITED", "Meets the framework");
        search(Map.of("q", marker, "province", "NB")).body("items.id", contains("late-" + marker));
        given().get("/catalogue/{id}", "late-" + marker).then().statusCode(200)
                .body("provider.name", equalTo("College " + latecomer));

        RegistryFixtures.decide(latecomer, "SUSPENDED", "Complaint under review");
        search(Map.of("q", marker)).body("total", equalTo(0));
    }

    @Test
    void aRedeliveredOrOlderDefinitionChangesNothing() {
        var now = RegistryFixtures.now();
        String id = "republished-" + marker;
        EventEnvelope current = RegistryFixtures.publish(RegistryFixtures.achievement(id, quebec)
                .name("Current name", "Nom actuel").description(marker, marker).publishedAt(now).build());
        RegistryFixtures.publish(current);
        EventEnvelope older = RegistryFixtures.publish(RegistryFixtures.achievement(id, quebec)
                .name("Old name", "Ancien nom").description(marker, marker).publishedAt(now.minus(1, ChronoUnit.DAYS))
                .build());
        await().atMost(Duration.ofSeconds(30)).until(() -> audit.recorded(older.id(), id));

        given().get("/catalogue/{id}", id).then().statusCode(200).body("name.en", equalTo("Current name"));
        List<String> actors = audit.find(new AuditQuery(id, null, null, null), 0, 10).items().stream()
                .map(e -> e.actor()).toList();
        assertEquals(List.of(current.id(), older.id()), actors);
    }

    @Test
    void unknownFilterValuesAreListedInOneProblem() {
        given().queryParam("province", "XX").queryParam("deliveryMode", "BY_MAIL").queryParam("sort", "popular")
                .queryParam("skill", "FOO:1").queryParam("skill", "ESCO").queryParam("selfPaced", "maybe")
                .queryParam("language", "french!").queryParam("workloadMin", "-1").queryParam("size", "1000")
                .get("/catalogue")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations", hasSize(9))
                .body("violations.field", containsInAnyOrder("province", "deliveryMode", "sort", "skill", "skill",
                        "selfPaced", "language", "workloadMin", "size"));
        given().queryParam("workloadMin", "20").queryParam("workloadMax", "10").get("/catalogue")
                .then().statusCode(400).body("violations.field", contains("workloadMax"));
        given().get("/catalogue/{id}", "nothing-" + marker).then().statusCode(404)
                .contentType("application/problem+json");
    }

    private void publishAll(ca.microcred.contracts.events.AchievementPublished... achievements) {
        for (var achievement : achievements) {
            EventEnvelope envelope = RegistryFixtures.publish(achievement);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> audit.recorded(envelope.id(), achievement.achievementId()));
        }
    }

    private static ValidatableResponse search(Map<String, String> query) {
        return given().queryParams(query).get("/catalogue").then().statusCode(200);
    }
}
