package ca.microcred.systemtests.containers;

import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.Topics;
import ca.microcred.contracts.events.CredentialIssued;
import ca.microcred.devstack.DevTokens;
import ca.microcred.systemtests.ServiceProcess;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The packaged issuer-service on a real Kafka broker and MongoDB replica set: a completion becomes an event. */
@Testcontainers(disabledWithoutDocker = true)
class IssuerServiceContainersIT {

    private static final String PROVIDER = "prov-containers-college";

    private static ServiceProcess issuer;

    @BeforeAll
    static void startIssuer() {
        // production refuses to start without its own key for the providers' signing keys at rest
        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        issuer = ContainersSupport.startService("issuer-service",
                Map.of("MICROCRED_ISSUER_MASTER_KEY", Base64.getEncoder().encodeToString(masterKey)));
    }

    @AfterAll
    static void stopIssuer() {
        if (issuer != null) {
            issuer.close();
        }
    }

    @Test
    void readyWithKafkaAndMongoUp() {
        ContainersSupport.assertReadyOnKafkaAndMongo(issuer);
    }

    /** A completion names a cohort of a published micro-credential of a registered provider. */
    private static String publishedCohort() {
        String provider = PROVIDER + "-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(DevTokens.operator()).contentType(ContentType.JSON.withCharset(StandardCharsets.UTF_8))
                .body(Map.of("id", provider, "name", Map.of("en", "Containers College", "fr", "Collège conteneurs"),
                        "url", "https://college.example.ca", "email", "registrar@college.example.ca",
                        "province", "QC", "providerType", "COLLEGE"))
                .post(issuer.baseUrl() + "/providers").then().statusCode(201);
        Map<String, Object> definition = new java.util.HashMap<>();
        definition.put("name", Map.of("en", "Cloud Operations", "fr", "Opérations infonuagiques"));
        definition.put("description", Map.of("en", "Run cloud services.", "fr", "Exploiter des services infonuagiques."));
        definition.put("criteria", Map.of("en", "Pass the practical exam.", "fr", "Réussir l'examen pratique."));
        definition.put("learningOutcomes", List.of(Map.of("en", "Deploy a service", "fr", "Déployer un service")));
        definition.put("skills", List.of(Map.of("framework", "ESCO", "code", "S1.1", "name", "cloud operations",
                "url", "http://data.europa.eu/esco/skill/cloud-operations")));
        definition.put("assessment", Map.of("type", "PROJECT", "competencyBased", true));
        definition.put("portfolioEvidenceRequired", false);
        definition.put("deliveryMode", "ONLINE");
        definition.put("selfPaced", true);
        definition.put("workloadHours", 30);
        definition.put("level", "Introductory");
        definition.put("languages", List.of("fr-CA"));
        String token = DevTokens.provider(provider);
        String achievement = given().auth().oauth2(token)
                .contentType(ContentType.JSON.withCharset(StandardCharsets.UTF_8)).body(definition)
                .post(issuer.baseUrl() + "/providers/" + provider + "/achievements")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(token)
                .post(issuer.baseUrl() + "/providers/" + provider + "/achievements/" + achievement + "/publish")
                .then().statusCode(200);
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("startDate", "2026-09-08", "endDate", "2026-12-18", "province", "QC",
                        "deliveryMode", "ONLINE", "language", "fr-CA", "capacity", 20))
                .post(issuer.baseUrl() + "/providers/" + provider + "/achievements/" + achievement + "/cohorts")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void acceptedCompletionIsPublishedAsCredentialIssued() {
        String cohort = publishedCohort();
        Map<String, Object> completion = Map.of(
                "cohortId", cohort,
                "learners", List.of(Map.of("name", "Élodie Gagnon", "email", "elodie.gagnon@example.ca",
                        "passed", true, "consentToEmployerContact", false, "portfolioLinks", List.of())));
        String credentialId = given().auth().oauth2(DevTokens.operator())
                .header("Idempotency-Key", "containers-" + cohort)
                .contentType(ContentType.JSON.withCharset(StandardCharsets.UTF_8))
                .body(completion)
                .post(issuer.baseUrl() + "/completions")
                .then().statusCode(202)
                .extract().jsonPath().getString("credentials[0].credentialId");
        assertThat(credentialId).isNotBlank();

        EventEnvelope event = ContainersSupport.awaitEvent(Topics.CREDENTIALS,
                e -> credentialId.equals(e.subject()) && e.data() instanceof CredentialIssued);
        CredentialIssued issued = (CredentialIssued) event.data();
        assertThat(issued.credentialId()).isEqualTo(credentialId);
        assertThat(issued.providerId()).startsWith(PROVIDER);
        assertThat(issued.cohortId()).isEqualTo(cohort);
    }
}
