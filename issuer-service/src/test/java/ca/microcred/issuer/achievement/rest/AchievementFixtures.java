package ca.microcred.issuer.achievement.rest;

import ca.microcred.devstack.DevTokens;
import io.restassured.http.ContentType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Micro-credential definitions for tests: one meeting all five must-haves, and helpers to draft and publish. */
public final class AchievementFixtures {

    private AchievementFixtures() {
    }

    public static Map<String, Object> complete() {
        Map<String, Object> body = new HashMap<>();
        body.put("name", Map.of("en", "Industrial Cybersecurity Fundamentals",
                "fr", "Fondements de la cybersécurité industrielle"));
        body.put("description", Map.of("en", "Secure operational technology networks in manufacturing plants.",
                "fr", "Sécuriser les réseaux de technologie opérationnelle des usines."));
        body.put("criteria", Map.of("en", "Complete the capstone project and pass the practical assessment.",
                "fr", "Réaliser le projet intégrateur et réussir l'évaluation pratique."));
        body.put("learningOutcomes", List.of(
                Map.of("en", "Segment an OT network", "fr", "Segmenter un réseau TO"),
                Map.of("en", "Respond to an ICS incident", "fr", "Intervenir lors d'un incident SCI")));
        body.put("skills", List.of(Map.of("framework", "ESCO", "code", "S1.8.1",
                "name", "protect ICT devices", "url", "http://data.europa.eu/esco/skill/0a0d5d6c-1c4c-4b1a-9d6c-6d7c0e0b4b5b")));
        body.put("assessment", Map.of("type", "PROJECT", "competencyBased", true));
        body.put("portfolioEvidenceRequired", true);
        body.put("qualityAssuranceBody", Map.of("name", "Ontario College Quality Assurance Service",
                "url", "https://www.ocqas.org"));
        body.put("deliveryMode", "HYBRID");
        body.put("selfPaced", false);
        body.put("workloadHours", 45);
        body.put("creditsAvailable", 3);
        body.put("level", "Intermediate");
        body.put("languages", List.of("en", "fr-CA"));
        body.put("prerequisites", List.of("Networking basics"));
        body.put("occupations", List.of("22220", "21220"));
        body.put("sector", "Manufacturing");
        body.put("stacksInto", new ArrayList<>());
        return body;
    }

    /** Meets none of the five must-haves but is otherwise valid. */
    public static Map<String, Object> withoutMustHaves() {
        Map<String, Object> body = complete();
        body.put("skills", List.of(Map.of("framework", "OTHER", "code", "x", "name", "placeholder",
                "url", "https://example.ca/skills/x")));
        body.put("assessment", Map.of("type", "EXAM", "competencyBased", false));
        body.put("portfolioEvidenceRequired", false);
        body.remove("qualityAssuranceBody");
        body.put("deliveryMode", "IN_PERSON");
        body.put("selfPaced", false);
        return body;
    }

    public static String draft(String providerId, Map<String, Object> body) {
        return given().auth().oauth2(DevTokens.provider(providerId)).contentType(ContentType.JSON).body(body)
                .post("/providers/{p}/achievements", providerId)
                .then().statusCode(201).extract().path("id");
    }

    public static String published(String providerId) {
        String id = draft(providerId, complete());
        given().auth().oauth2(DevTokens.provider(providerId))
                .post("/providers/{p}/achievements/{a}/publish", providerId, id)
                .then().statusCode(200);
        return id;
    }
}
