package ca.microcred.notification.employer.rest;

import ca.microcred.devstack.DevTokens;
import ca.microcred.devstack.DevstackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class EmployerResourceTest {

    private static final String PROBLEM = "application/problem+json";

    private static String employer() {
        return "emp-" + UUID.randomUUID();
    }

    private static Map<String, Object> profile(String language) {
        return Map.of("organisationName", "Northwind Analytics", "contactEmail", "talent@northwind.example.ca",
                "preferredLanguage", language, "provincesOfInterest", List.of("qc", "ON", "QC"));
    }

    @Test
    void anEmployerCreatesReadsAndUpdatesItsOwnProfile() {
        String id = employer();
        given().auth().oauth2(DevTokens.employer(id)).contentType(ContentType.JSON).body(profile("fr"))
                .when().post("/employers")
                .then().statusCode(201)
                .header("Location", endsWith("/employers/" + id))
                .body("id", equalTo(id))
                .body("organisationName", equalTo("Northwind Analytics"))
                .body("preferredLanguage", equalTo("fr"))
                .body("provincesOfInterest", contains("QC", "ON"));

        given().auth().oauth2(DevTokens.employer(id)).contentType(ContentType.JSON)
                .body(Map.of("organisationName", "Northwind Inc.", "contactEmail", "hr@northwind.example.ca",
                        "preferredLanguage", "en", "provincesOfInterest", List.of("BC")))
                .when().put("/employers/" + id)
                .then().statusCode(200)
                .body("organisationName", equalTo("Northwind Inc."))
                .body("preferredLanguage", equalTo("en"));
        given().auth().oauth2(DevTokens.employer(id))
                .when().get("/employers/" + id)
                .then().statusCode(200)
                .body("contactEmail", equalTo("hr@northwind.example.ca"))
                .body("provincesOfInterest", contains("BC"));
        given().auth().oauth2(DevTokens.employer(id))
                .when().get("/employers")
                .then().statusCode(200)
                .body("id", contains(id));
    }

    @Test
    void aSecondProfileForTheSameEmployerIsAConflict() {
        String id = employer();
        given().auth().oauth2(DevTokens.employer(id)).contentType(ContentType.JSON).body(profile("en"))
                .when().post("/employers").then().statusCode(201);
        given().auth().oauth2(DevTokens.employer(id)).contentType(ContentType.JSON).body(profile("en"))
                .when().post("/employers")
                .then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void anEmployerCannotCreateOrSeeAnotherEmployersProfile() {
        String owner = employer();
        given().auth().oauth2(DevTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("id", owner, "organisationName", "Contoso", "contactEmail", "jobs@contoso.example.ca",
                        "preferredLanguage", "en"))
                .when().post("/employers")
                .then().statusCode(201).body("id", equalTo(owner));

        var body = new java.util.HashMap<>(profile("en"));
        body.put("id", owner);
        given().auth().oauth2(DevTokens.employer(employer())).contentType(ContentType.JSON).body(body)
                .when().post("/employers")
                .then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(DevTokens.employer(employer()))
                .when().get("/employers/" + owner)
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(DevTokens.employer(employer())).contentType(ContentType.JSON).body(profile("en"))
                .when().put("/employers/" + owner)
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(DevTokens.operator())
                .when().get("/employers?limit=500")
                .then().statusCode(200).body("id", hasItem(owner));
    }

    @Test
    void invalidProfileIsA400ListingEveryProblem() {
        given().auth().oauth2(DevTokens.employer(employer())).contentType(ContentType.JSON)
                .body(Map.of("organisationName", " ", "contactEmail", "not-an-email", "preferredLanguage", "de",
                        "provincesOfInterest", List.of("ON", "XX")))
                .when().post("/employers")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", containsInAnyOrder("organisationName", "contactEmail",
                        "preferredLanguage", "provincesOfInterest[1]"));
        given().auth().oauth2(DevTokens.operator()).contentType(ContentType.JSON).body(profile("en"))
                .when().post("/employers")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", contains("id"));
    }

    @Test
    void unknownEmployerIsAProblem404() {
        given().auth().oauth2(DevTokens.operator())
                .when().get("/employers/no-such-employer")
                .then().statusCode(404)
                .contentType(PROBLEM)
                .body("detail", equalTo("Employer 'no-such-employer' does not exist"));
    }

    @Test
    void aProviderTokenIsForbidden() {
        given().auth().oauth2(DevTokens.provider("prov-x"))
                .when().get("/employers")
                .then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void aMergePatchChangesOnlyTheMembersGiven() {
        String id = employer();
        given().auth().oauth2(DevTokens.employer(id)).contentType(ContentType.JSON).body(profile("en"))
                .when().post("/employers").then().statusCode(201);

        given().auth().oauth2(DevTokens.employer(id)).contentType("application/merge-patch+json")
                .body("{\"preferredLanguage\": \"fr\", \"provincesOfInterest\": null}")
                .when().patch("/employers/" + id)
                .then().statusCode(200)
                .body("preferredLanguage", equalTo("fr"))
                .body("organisationName", equalTo("Northwind Analytics"))
                .body("provincesOfInterest", org.hamcrest.Matchers.hasSize(0));
        given().auth().oauth2(DevTokens.employer(id))
                .when().get("/employers/" + id)
                .then().statusCode(200)
                .body("preferredLanguage", equalTo("fr"))
                .body("contactEmail", equalTo("talent@northwind.example.ca"));
    }

    @Test
    void aMergePatchIsValidatedLikeAReplacement() {
        String id = employer();
        given().auth().oauth2(DevTokens.employer(id)).contentType(ContentType.JSON).body(profile("en"))
                .when().post("/employers").then().statusCode(201);

        given().auth().oauth2(DevTokens.employer(id)).contentType("application/merge-patch+json")
                .body("{\"contactEmail\": \"not-an-address\", \"preferredLanguage\": \"de\", \"organisationName\": null}")
                .when().patch("/employers/" + id)
                .then().statusCode(400).contentType(PROBLEM)
                .body("violations.field", containsInAnyOrder("contactEmail", "preferredLanguage", "organisationName"));
        given().auth().oauth2(DevTokens.employer(id)).contentType("application/merge-patch+json")
                .body("{\"id\": \"emp-other\"}")
                .when().patch("/employers/" + id)
                .then().statusCode(400).contentType(PROBLEM)
                .body("violations.field", contains("id"));
        given().auth().oauth2(DevTokens.employer(employer())).contentType("application/merge-patch+json")
                .body("{\"preferredLanguage\": \"fr\"}")
                .when().patch("/employers/" + id)
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(DevTokens.employer(id))
                .when().get("/employers/" + id)
                .then().statusCode(200)
                .body("preferredLanguage", equalTo("en"));
    }
}
