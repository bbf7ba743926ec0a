package ca.microcred.systemtests.containers;

import ca.microcred.devstack.DevTokens;
import ca.microcred.systemtests.ServiceProcess;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/** The packaged notification-service on a real Kafka broker and MongoDB replica set: a subscription is kept. */
@Testcontainers(disabledWithoutDocker = true)
class NotificationServiceContainersIT {

    private static final String EMPLOYER = "emp-containers-logistics";

    private static ServiceProcess notification;

    @BeforeAll
    static void startNotification() {
        // the webhook target is this machine: production refuses loopback targets, so allow them here
        notification = ContainersSupport.startService("notification-service",
                "-Dmicrocred.notification.allow-loopback-webhooks=true");
    }

    @AfterAll
    static void stopNotification() {
        if (notification != null) {
            notification.close();
        }
    }

    @Test
    void readyWithKafkaAndMongoUp() {
        ContainersSupport.assertReadyOnKafkaAndMongo(notification);
    }

    @Test
    void createdSubscriptionReadsBack() {
        String token = DevTokens.employer(EMPLOYER);
        // never called: no cohort of this achievement completes here
        String webhookUrl = "http://localhost:9/hooks/microcred";
        Response created = given().auth().oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("achievementIds", List.of("ach-containers-logistics"), "webhookUrl", webhookUrl))
                .post(notification.baseUrl() + "/subscriptions");
        created.then().statusCode(201);
        String id = created.jsonPath().getString("id");
        assertThat(id).isNotBlank();
        assertThat(created.jsonPath().getString("secret")).isNotBlank();
        assertThat(created.header("Location")).endsWith("/subscriptions/" + id);

        given().auth().oauth2(token)
                .get(created.header("Location"))
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("employerId", equalTo(EMPLOYER))
                .body("achievementIds", contains("ach-containers-logistics"))
                .body("webhookUrl", equalTo(webhookUrl))
                .body("secret", equalTo(null));
    }
}
