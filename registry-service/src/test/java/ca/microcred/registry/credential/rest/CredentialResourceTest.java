package ca.microcred.registry.credential.rest;

import ca.microcred.devstack.DevstackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class CredentialResourceTest {

    @Test
    void unknownCredentialIs404Problem() {
        given().get("/credentials/{id}", "cred-never-issued")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"))
                .body("detail", equalTo("Credential 'cred-never-issued' does not exist"))
                .body("instance", equalTo("/credentials/cred-never-issued"));
    }

    @Test
    void idLongerThan200CharactersIs400Problem() {
        given().get("/credentials/{id}", "c".repeat(201))
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", equalTo("Bad Request"))
                .body("violations.field", contains("credentialId"))
                .body("violations[0].message", containsString("1 to 200 characters"));
    }

    @Test
    void idWithIllegalCharactersIs400Problem() {
        given().get("/credentials/{id}", "cred 1<script>")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations.field", contains("credentialId"));
    }

    @Test
    void idOf200CharactersIsAcceptedAndLookedUp() {
        given().get("/credentials/{id}", "c".repeat(200))
                .then().statusCode(404)
                .contentType("application/problem+json");
    }
}
