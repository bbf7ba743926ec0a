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
        String id = newProviderId();
        given().auth().oauth2(DevTokens.operator()).contentType(ContentType.JSON).body(provider(id))
                .post("/providers").then().statusCode(201);
        return id;
    }
}
