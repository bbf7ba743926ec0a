package ca.microcred.notification.subscription.rest;

import ca.microcred.devstack.DevTokens;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.notification.support.Subscriptions;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class SubscriptionResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String HOOK = "http://127.0.0.1:9/hooks";

    private static String employer() {
        return "emp-" + UUID.randomUUID();
    }

    @Test
    void createAnswers201WithLocationAndTheSecretOnlyOnce() {
        String employer = employer();
        var created = given().auth().oauth2(DevTokens.employer(employer))
                .contentType(ContentType.JSON)
                .body(Map.of("achievementIds", List.of("ach-analytics", " ach-python ", "ach-analytics"),
                        "webhookUrl", HOOK))
                .when().post("/subscriptions")
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .header("Location", notNullValue())
                .body("id", notNullValue())
                .body("employerId", equalTo(employer))
                .body("achievementIds", contains("ach-analytics", "ach-python"))
                .body("webhookUrl", equalTo(HOOK))
                .body("secret", matchesPattern("whsec_[A-Za-z0-9+/]{43}="))
                .body("createdAt", notNullValue())
                .extract();
        String id = created.path("id");
        assertEquals(true, created.header("Location").endsWith("/subscriptions/" + id));

        given().auth().oauth2(DevTokens.employer(employer))
                .when().get("/subscriptions/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("achievementIds", contains("ach-analytics", "ach-python"))
                .body("$", not(hasKey("secret")));
        given().auth().oauth2(DevTokens.employer(employer))
                .when().get("/subscriptions")
                .then().statusCode(200)
                .body("", hasSize(1))
                .body("[0]", not(hasKey("secret")));
    }

    @Test
    void anEmployerSeesOnlyItsOwnSubscriptionsAndAnOperatorSeesAll() {
        String first = employer();
        String second = employer();
        String mine = Subscriptions.create(first, List.of("ach-a"), HOOK).getString("id");
        String theirs = Subscriptions.create(second, List.of("ach-b"), HOOK).getString("id");

        given().auth().oauth2(DevTokens.employer(first))
                .when().get("/subscriptions")
                .then().statusCode(200)
                .body("id", contains(mine));
        given().auth().oauth2(DevTokens.operator())
                .when().get("/subscriptions?limit=500")
                .then().statusCode(200)
                .body("id", hasItem(mine))
                .body("id", hasItem(theirs));
        given().auth().oauth2(DevTokens.operator())
                .when().get("/subscriptions?employerId=" + second)
                .then().statusCode(200)
                .body("id", contains(theirs));
        given().auth().oauth2(DevTokens.operator())
                .when().get("/subscriptions/" + mine)
                .then().statusCode(200)
                .body("employerId", equalTo(first));
    }

    @Test
    void anotherEmployersSubscriptionIsNotFoundAndCannotBeDeleted() {
        String owner = employer();
        String id = Subscriptions.create(owner, List.of("ach-a"), HOOK).getString("id");

        given().auth().oauth2(DevTokens.employer(employer()))
                .when().get("/subscriptions/" + id)
                .then().statusCode(404)
                .contentType(PROBLEM)
                .body("status", equalTo(404))
                .body("detail", equalTo("Subscription '" + id + "' does not exist"));
        given().auth().oauth2(DevTokens.employer(employer()))
                .when().delete("/subscriptions/" + id)
                .then().statusCode(404)
                .contentType(PROBLEM);
        given().auth().oauth2(DevTokens.employer(owner))
                .when().get("/subscriptions/" + id)
                .then().statusCode(200);
    }

    @Test
    void anEmployerCannotListAnotherEmployersSubscriptions() {
        given().auth().oauth2(DevTokens.employer(employer()))
                .when().get("/subscriptions?employerId=someone-else")
                .then().statusCode(403)
                .contentType(PROBLEM)
                .body("status", equalTo(403));
    }

    @Test
    void deleteAnswers204AndTheSubscriptionIsGone() {
        String owner = employer();
        String id = Subscriptions.create(owner, List.of("ach-a"), HOOK).getString("id");

        given().auth().oauth2(DevTokens.employer(owner))
                .when().delete("/subscriptions/" + id)
                .then().statusCode(204);
        given().auth().oauth2(DevTokens.employer(owner))
                .when().get("/subscriptions/" + id)
                .then().statusCode(404)
                .contentType(PROBLEM);
        given().auth().oauth2(DevTokens.employer(owner))
                .when().delete("/subscriptions/" + id)
                .then().statusCode(404)
                .contentType(PROBLEM);
    }

    @Test
    void unknownSubscriptionIsAProblem404() {
        given().auth().oauth2(DevTokens.operator())
                .when().get("/subscriptions/no-such-subscription")
                .then().statusCode(404)
                .contentType(PROBLEM)
                .body("title", equalTo("Not Found"))
                .body("detail", equalTo("Subscription 'no-such-subscription' does not exist"))
                .body("instance", equalTo("/subscriptions/no-such-subscription"));
    }

    @Test
    void plainHttpToANonLoopbackHostIsRefused() {
        JsonPath problem = invalid(Map.of("achievementIds", List.of("ach-a"), "webhookUrl", "http://203.0.113.10/hook"));

        assertEquals(List.of("webhookUrl"), problem.getList("violations.field"));
        assertEquals(List.of("must use https"), problem.getList("violations.message"));
    }

    @Test
    void aPrivateAddressIsRefused() {
        JsonPath problem = invalid(Map.of("achievementIds", List.of("ach-a"), "webhookUrl", "https://10.1.2.3/hook"));

        assertEquals(List.of("webhookUrl"), problem.getList("violations.field"));
        assertEquals("resolves to 10.1.2.3 (a private address); webhooks must reach a public address",
                problem.getString("violations[0].message"));
    }

    @Test
    void everyProblemOfTheBodyIsListedAtOnce() {
        JsonPath problem = invalid(Map.of("webhookUrl", "http://169.254.169.254/latest/meta-data"));

        assertEquals(List.of("criteria", "webhookUrl", "webhookUrl"), problem.getList("violations.field"));
        assertEquals("must set at least one criterion: achievementIds, skills, occupations, providerIds, provinces, "
                + "deliveryModes or languages", problem.getString("violations[0].message"));
        assertEquals("must use https", problem.getString("violations[1].message"));
        assertEquals("resolves to 169.254.169.254 (a link-local address); webhooks must reach a public address",
                problem.getString("violations[2].message"));
        assertEquals("The request has 3 problems", problem.getString("detail"));
    }

    @Test
    void emptyAndBlankAchievementIdsAreRefused() {
        JsonPath empty = invalid(Map.of("achievementIds", List.of(), "webhookUrl", HOOK));
        assertEquals(List.of("criteria"), empty.getList("violations.field"));

        JsonPath blank = invalid(Map.of("achievementIds", List.of("ach-a", " "), "webhookUrl", HOOK));
        assertEquals(List.of("achievementIds[1]"), blank.getList("violations.field"));
        assertEquals(List.of("must not be blank"), blank.getList("violations.message"));
    }

    @Test
    void criteriaBeyondAchievementsAreStoredInCanonicalForm() {
        String employer = employer();
        given().auth().oauth2(DevTokens.employer(employer))
                .contentType(ContentType.JSON)
                .body(Map.of("skills", List.of(Map.of("framework", "esco", "code", "S5.6.1")),
                        "occupations", List.of("21211"), "providerIds", List.of("prov-a", "prov-b"),
                        "provinces", List.of("qc", "ON"), "deliveryModes", List.of("online"),
                        "languages", List.of("fr-CA", "fr"), "webhookUrl", HOOK))
                .when().post("/subscriptions")
                .then().statusCode(201)
                .body("achievementIds", hasSize(0))
                .body("skills[0].framework", equalTo("ESCO"))
                .body("skills[0].code", equalTo("S5.6.1"))
                .body("occupations", contains("21211"))
                .body("providerIds", contains("prov-a", "prov-b"))
                .body("provinces", contains("QC", "ON"))
                .body("deliveryModes", contains("ONLINE"))
                .body("languages", contains("fr"));
    }

    @Test
    void anUpdateReplacesTheCriteriaAndTheIndexButKeepsTheSecret() {
        String employer = employer();
        String id = Subscriptions.create(employer, List.of("ach-old"), HOOK).getString("id");

        given().auth().oauth2(DevTokens.employer(employer))
                .contentType(ContentType.JSON)
                .body(Map.of("provinces", List.of("NB"), "languages", List.of("fr"), "webhookUrl", HOOK + "/v2"))
                .when().put("/subscriptions/" + id)
                .then().statusCode(200)
                .body("achievementIds", hasSize(0))
                .body("provinces", contains("NB"))
                .body("webhookUrl", equalTo(HOOK + "/v2"))
                .body("$", not(hasKey("secret")));
        given().auth().oauth2(DevTokens.employer(employer))
                .contentType(ContentType.JSON)
                .body(Map.of("provinces", List.of("NB"), "channel", "email", "email", "a@example.ca"))
                .when().put("/subscriptions/" + id)
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", contains("channel"));
        given().auth().oauth2(DevTokens.employer(employer()))
                .contentType(ContentType.JSON)
                .body(Map.of("provinces", List.of("NB"), "webhookUrl", HOOK))
                .when().put("/subscriptions/" + id)
                .then().statusCode(404)
                .contentType(PROBLEM);
    }

    @Test
    void everyInvalidCriterionIsListed() {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("skills", List.of(Map.of("framework", "LINKEDIN", "code", " ")));
        body.put("occupations", List.of("2121a"));
        body.put("provinces", List.of("ON", "ZZ"));
        body.put("deliveryModes", List.of("BY_MAIL"));
        body.put("languages", List.of("français"));
        body.put("providerIds", List.of(""));
        body.put("webhookUrl", HOOK);
        JsonPath problem = invalid(body);

        assertEquals(List.of("deliveryModes[0]", "languages[0]", "occupations[0]", "providerIds[0]", "provinces[1]",
                "skills[0].code", "skills[0].framework"), problem.getList("violations.field"));
        assertEquals("must be one of ONLINE, IN_PERSON, HYBRID", problem.getString("violations[0].message"));
    }

    @Test
    void missingWebhookUrlIsRefused() {
        JsonPath problem = invalid(Map.of("achievementIds", List.of("ach-a")));

        assertEquals(List.of("webhookUrl"), problem.getList("violations.field"));
        assertEquals(List.of("must not be blank"), problem.getList("violations.message"));
    }

    @Test
    void malformedJsonIsAProblem() {
        given().auth().oauth2(DevTokens.employer(employer()))
                .contentType(ContentType.JSON)
                .body("{\"achievementIds\": [\"ach-a\"], \"webhookUrl\": ")
                .when().post("/subscriptions")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("detail", containsString("not valid JSON"));
    }

    @Test
    void wrongTypesAreProblems() {
        given().auth().oauth2(DevTokens.employer(employer()))
                .contentType(ContentType.JSON)
                .body("{\"achievementIds\": {\"id\": 1}, \"webhookUrl\": \"" + HOOK + "\"}")
                .when().post("/subscriptions")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", contains("achievementIds"));
    }

    @Test
    void aBodyOverOneMebibyteIsAProblem413() {
        String padding = "x".repeat(1024 * 1024);
        given().auth().oauth2(DevTokens.employer(employer()))
                .contentType(ContentType.JSON)
                .body("{\"achievementIds\": [\"" + padding + "\"], \"webhookUrl\": \"" + HOOK + "\"}")
                .when().post("/subscriptions")
                .then().statusCode(413)
                .contentType(PROBLEM)
                .body("status", equalTo(413));
    }

    @Test
    void nothingIsStoredWhenTheBodyIsInvalid() {
        String employer = employer();
        given().auth().oauth2(DevTokens.employer(employer))
                .contentType(ContentType.JSON)
                .body(Map.of("achievementIds", List.of("ach-a"), "webhookUrl", "https://10.0.0.1/"))
                .when().post("/subscriptions")
                .then().statusCode(400);

        List<Object> listed = given().auth().oauth2(DevTokens.employer(employer))
                .when().get("/subscriptions")
                .then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertFalse(listed.iterator().hasNext());
    }

    @Test
    void invalidPagingIsAProblem400() {
        given().auth().oauth2(DevTokens.operator())
                .when().get("/subscriptions?limit=0")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", contains("limit"));
    }

    @Test
    void withoutATokenTheAnswerIs401() {
        given().contentType(ContentType.JSON)
                .body(Map.of("achievementIds", List.of("ach-a"), "webhookUrl", HOOK))
                .when().post("/subscriptions")
                .then().statusCode(401)
                .contentType(PROBLEM)
                .header("WWW-Authenticate", containsString("Bearer"));
        given().when().get("/subscriptions")
                .then().statusCode(401)
                .contentType(PROBLEM);
    }

    @Test
    void anUntrustedOrExpiredTokenIs401() {
        Map<String, Object> claims = Map.of("employer_id", "emp-x");
        given().auth().oauth2(DevTokens.signedByOtherKey("employer:emp-x", Set.of("employer"), claims))
                .when().get("/subscriptions")
                .then().statusCode(401)
                .contentType(PROBLEM);
        given().auth().oauth2(DevTokens.expired("employer:emp-x", Set.of("employer"), claims))
                .when().get("/subscriptions")
                .then().statusCode(401)
                .contentType(PROBLEM);
    }

    @Test
    void otherRolesAre403() {
        given().auth().oauth2(DevTokens.provider("prov-x"))
                .when().get("/subscriptions")
                .then().statusCode(403)
                .contentType(PROBLEM)
                .body("status", equalTo(403));
        given().auth().oauth2(DevTokens.operator())
                .contentType(ContentType.JSON)
                .body(Map.of("achievementIds", List.of("ach-a"), "webhookUrl", HOOK))
                .when().post("/subscriptions")
                .then().statusCode(403)
                .contentType(PROBLEM);
    }

    @Test
    void anEmployerTokenWithoutEmployerIdCannotSubscribe() {
        given().auth().oauth2(DevTokens.mint("employer:nobody", Set.of("employer"), Map.of(), java.time.Duration.ofMinutes(5)))
                .contentType(ContentType.JSON)
                .body(Map.of("achievementIds", List.of("ach-a"), "webhookUrl", HOOK))
                .when().post("/subscriptions")
                .then().statusCode(403)
                .contentType(PROBLEM)
                .body("detail", equalTo("The token carries no employer_id claim"));
    }

    private static JsonPath invalid(Map<String, Object> body) {
        return given().auth().oauth2(DevTokens.employer(employer()))
                .contentType(ContentType.JSON)
                .body(body)
                .when().post("/subscriptions")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("status", equalTo(400))
                .body("title", equalTo("Bad Request"))
                .extract().jsonPath();
    }
}
