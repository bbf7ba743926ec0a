package ca.microcred.notification.support;

import ca.microcred.devstack.DevTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Creates subscriptions over the REST API, as an employer would. */
public final class Subscriptions {

    private Subscriptions() {
    }

    /** Creates a subscription from a full body (criteria, channel) and returns the creation answer. */
    public static JsonPath create(String employerId, Map<String, Object> body) {
        return given()
                .auth().oauth2(DevTokens.employer(employerId))
                .contentType(ContentType.JSON)
                .body(body)
                .when().post("/subscriptions")
                .then().statusCode(201)
                .extract().jsonPath();
    }

    /** Creates a subscription and returns the creation answer (the only one carrying the secret). */
    public static JsonPath create(String employerId, List<String> achievementIds, String webhookUrl) {
        return given()
                .auth().oauth2(DevTokens.employer(employerId))
                .contentType(ContentType.JSON)
                .body(Map.of("achievementIds", achievementIds, "webhookUrl", webhookUrl))
                .when().post("/subscriptions")
                .then().statusCode(201)
                .extract().jsonPath();
    }
}
