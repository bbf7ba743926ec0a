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

    @Test
    void acceptedCompletionIsPublishedAsCredentialIssued() {
        String cohort = "cohort-" + UUID.randomUUID();
        Map<String, Object> completion = Map.of(
                "cohortId", cohort,
                "achievementId", "ach-containers-cloud-ops",
                "achievementName", Map.of("en", "Cloud Operations", "fr", "Opérations infonuagiques"),
                "province", "QC",
                "deliveryMode", "ONLINE",
                "language", "fr",
                "learners", List.of(Map.of("name", "Élodie Gagnon", "email", "elodie.gagnon@example.ca",
                        "passed", true, "consentToEmployerContact", false, "portfolioLinks", List.of())));
        String credentialId = given().auth().oauth2(DevTokens.provider(PROVIDER))
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
        assertThat(issued.providerId()).isEqualTo(PROVIDER);
        assertThat(issued.cohortId()).isEqualTo(cohort);
    }
}
