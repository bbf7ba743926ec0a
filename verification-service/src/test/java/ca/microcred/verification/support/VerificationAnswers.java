package ca.microcred.verification.support;

import io.restassured.response.ValidatableResponse;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Reads verification answers once the read models caught up with the events a test published. */
public final class VerificationAnswers {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private VerificationAnswers() {
    }

    /** GPath to the outcome of the named check. */
    public static String outcome(String check) {
        return "checks.find { it.check == '" + check + "' }.outcome";
    }

    /** GPath to the reason of the named check. */
    public static String reason(String check) {
        return "checks.find { it.check == '" + check + "' }.reason";
    }

    /** Waits until the credential is known, then returns its answer. */
    public static ValidatableResponse awaitAnswer(String credentialId) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() ->
                given().get("/verifications/{id}", credentialId).statusCode() == 200);
        return answer(credentialId);
    }

    /** Waits until the answer's value at {@code path} is {@code expected}, then returns that answer. */
    public static ValidatableResponse awaitAnswerWhere(String credentialId, String path, String expected) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
            var response = given().get("/verifications/{id}", credentialId);
            return response.statusCode() == 200 && expected.equals(response.jsonPath().getString(path));
        });
        return answer(credentialId);
    }

    private static ValidatableResponse answer(String credentialId) {
        return given().get("/verifications/{id}", credentialId).then()
                .statusCode(200)
                .contentType("application/json");
    }
}
