package ca.microcred.notification.delivery.rest;

import ca.microcred.devstack.DevTokens;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.notification.support.Subscriptions;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class DeliveryResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void aNewSubscriptionHasAnEmptyDeliveryLogVisibleToItsOwnerAndOperators() {
        String employer = "emp-" + UUID.randomUUID();
        String id = Subscriptions.create(employer, List.of("ach-a"), "http://127.0.0.1:9/hooks").getString("id");

        given().auth().oauth2(DevTokens.employer(employer))
                .when().get("/subscriptions/" + id + "/deliveries")
                .then().statusCode(200)
                .body("", hasSize(0));
        given().auth().oauth2(DevTokens.operator())
                .when().get("/subscriptions/" + id + "/deliveries")
                .then().statusCode(200)
                .body("", hasSize(0));
    }

    @Test
    void anotherEmployersDeliveryLogIsNotFound() {
        String id = Subscriptions.create("emp-" + UUID.randomUUID(), List.of("ach-a"), "http://127.0.0.1:9/hooks")
                .getString("id");

        given().auth().oauth2(DevTokens.employer("emp-" + UUID.randomUUID()))
                .when().get("/subscriptions/" + id + "/deliveries")
                .then().statusCode(404)
                .contentType(PROBLEM)
                .body("detail", equalTo("Subscription '" + id + "' does not exist"));
    }

    @Test
    void anUnknownSubscriptionsDeliveryLogIsNotFound() {
        given().auth().oauth2(DevTokens.operator())
                .when().get("/subscriptions/nope/deliveries")
                .then().statusCode(404)
                .contentType(PROBLEM)
                .body("status", equalTo(404));
    }

    @Test
    void invalidPagingIsAProblem400() {
        given().auth().oauth2(DevTokens.operator())
                .when().get("/subscriptions/nope/deliveries?offset=-1&limit=1000")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", contains("limit", "offset"));
    }

    @Test
    void theDeliveryLogNeedsAnEmployerOrOperatorToken() {
        given().when().get("/subscriptions/nope/deliveries")
                .then().statusCode(401)
                .contentType(PROBLEM);
        given().auth().oauth2(DevTokens.provider("prov-x"))
                .when().get("/subscriptions/nope/deliveries")
                .then().statusCode(403)
                .contentType(PROBLEM);
    }
}
