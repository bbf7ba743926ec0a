package ca.microcred.issuer.provider.rest;

import ca.microcred.devstack.DevTokens;
import io.restassured.http.ContentType;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Providers for tests: a valid registration body and a registered provider with a fresh id. */
public final class ProviderFixtures {

    private ProviderFixtures() {
    }

    public static String newProviderId() {
        return "prov-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Map<String, Object> provider(String id) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", id);
        body.put("name", Map.of("en", "Collège Boréal", "fr", "Collège Boréal"));
        body.put("url", "https://www.collegeboreal.ca");
        body.put("email", "registrar@collegeboreal.ca");
        body.put("province", "ON");
        body.put("providerType", "COLLEGE");
        body.put("includeLearnerName", true);
        return body;
    }

    /** Registers a provider as an operator and returns its id. */
    public static String register() {
        return register(true);
    }

    /** Registers a provider that does, or does not, name learners in its credentials. */
    public static String register(boolean includeLearnerName) {
        String id = newProviderId();
        Map<String, Object> body = provider(id);
        body.put("includeLearnerName", includeLearnerName);
        given().auth().oauth2(DevTokens.operator()).contentType(ContentType.JSON).body(body)
                .post("/providers").then().statusCode(201);
        return id;
    }
}
