package ca.microcred.notification.subscription.rest;

import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.events.CohortCompleted;
import ca.microcred.devstack.DevTokens;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.notification.support.Subscriptions;
import ca.microcred.notification.support.TestEvents;
import ca.microcred.notification.support.WebhookReceiver;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Partial updates by JSON merge patch, and matching that follows them at once. */
@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class SubscriptionPatchTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String MERGE_PATCH = "application/merge-patch+json";

    private WebhookReceiver receiver;

    @BeforeEach
    void startReceiver() {
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void afterChangingTheCriteriaTheOldOnesNoLongerMatchAndTheNewOnesDo() {
        String employer = "emp-" + UUID.randomUUID();
        String oldAchievement = "ach-" + UUID.randomUUID();
        String newAchievement = "ach-" + UUID.randomUUID();
        JsonPath created = Subscriptions.create(employer, List.of(oldAchievement), receiver.url("/hooks"));
        String id = created.getString("id");

        patch(employer, id, "{\"achievementIds\": [\"" + newAchievement + "\"]}")
                .then().statusCode(200)
                .body("achievementIds", contains(newAchievement))
                .body("webhookUrl", equalTo(receiver.url("/hooks")))
                .body("$", not(hasKey("secret")));

        CohortCompleted ofOld = TestEvents.cohort(oldAchievement);
        int partition = TestEvents.publish(EventEnvelope.of(TestEvents.SOURCE, ofOld));
        // on the same partition, so once it is delivered the cohort of the old criteria has been handled too
        CohortCompleted ofNew = TestEvents.cohort(newAchievement);
        TestEvents.publish(EventEnvelope.of(TestEvents.SOURCE, ofNew), partition);

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.receivedWithId(id + ":" + ofNew.cohortId()).size() == 1);
        assertEquals(List.of(), receiver.receivedWithId(id + ":" + ofOld.cohortId()));
    }

    @Test
    void onlyTheMembersGivenChangeAndNullClearsOne() {
        String employer = "emp-" + UUID.randomUUID();
        String id = Subscriptions.create(employer, Map.of("achievementIds", List.of("ach-a"),
                "provinces", List.of("ON"), "webhookUrl", receiver.url("/hooks"))).getString("id");

        patch(employer, id, "{\"provinces\": null, \"languages\": [\"fr-CA\"], \"mode\": \"daily-digest\"}")
                .then().statusCode(200)
                .body("achievementIds", contains("ach-a"))
                .body("provinces", hasSize(0))
                .body("languages", contains("fr"))
                .body("mode", equalTo("daily-digest"));
        given().auth().oauth2(DevTokens.employer(employer))
                .when().get("/subscriptions/" + id)
                .then().statusCode(200)
                .body("provinces", hasSize(0))
                .body("mode", equalTo("daily-digest"))
                .body("channel", equalTo("webhook"));
    }

    @Test
    void everyProblemOfThePatchedSubscriptionIsListedInOneAnswer() {
        String employer = "emp-" + UUID.randomUUID();
        String id = Subscriptions.create(employer, List.of("ach-a"), receiver.url("/hooks")).getString("id");

        patch(employer, id, "{\"provinces\": [\"ZZ\"], \"mode\": \"weekly\", \"webhookUrl\": \"ftp://x\", "
                + "\"occupations\": [\"12a\"]}")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", contains("mode", "occupations[0]", "provinces[0]", "webhookUrl"));
        patch(employer, id, "{\"achievementIds\": null}")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", contains("criteria"));
        patch(employer, id, "{\"secret\": \"whsec_mine\", \"paused\": true}")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", contains("secret", "paused"));
        given().auth().oauth2(DevTokens.employer(employer))
                .when().get("/subscriptions/" + id)
                .then().statusCode(200)
                .body("achievementIds", contains("ach-a"))
                .body("mode", equalTo("immediate"));
    }

    @Test
    void aPatchThatIsNotAJsonObjectIsAProblem() {
        String employer = "emp-" + UUID.randomUUID();
        String id = Subscriptions.create(employer, List.of("ach-a"), receiver.url("/hooks")).getString("id");
        patch(employer, id, "{\"achievementIds\": ")
                .then().statusCode(400).contentType(PROBLEM);
        patch(employer, id, "[\"ach-b\"]")
                .then().statusCode(400).contentType(PROBLEM).body("violations.field", contains("body"));
        patch(employer, id, "{\"achievementIds\": \"ach-b\"}")
                .then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(DevTokens.employer(employer)).contentType(ContentType.JSON)
                .body("{\"achievementIds\": [\"ach-b\"]}")
                .when().patch("/subscriptions/" + id)
                .then().statusCode(415).contentType(PROBLEM);
    }

    @Test
    void anotherEmployersOrAMissingSubscriptionIsNotFound() {
        String id = Subscriptions.create("emp-" + UUID.randomUUID(), List.of("ach-a"), receiver.url("/hooks"))
                .getString("id");
        patch("emp-" + UUID.randomUUID(), id, "{\"achievementIds\": [\"ach-b\"]}")
                .then().statusCode(404).contentType(PROBLEM);
        patch("emp-" + UUID.randomUUID(), "no-such-subscription", "{\"achievementIds\": [\"ach-b\"]}")
                .then().statusCode(404).contentType(PROBLEM);
    }

    private static io.restassured.response.Response patch(String employer, String id, String body) {
        return given().auth().oauth2(DevTokens.employer(employer))
                .contentType(MERGE_PATCH)
                .body(body)
                .when().patch("/subscriptions/" + id);
    }
}
