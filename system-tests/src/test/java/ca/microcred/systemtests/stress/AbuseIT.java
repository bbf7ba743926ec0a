package ca.microcred.systemtests.stress;

import ca.microcred.devstack.DevTokens;
import ca.microcred.systemtests.Actors;
import ca.microcred.systemtests.ServiceProcess;
import ca.microcred.systemtests.SystemUnderTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 5, abuse: every operation each service publishes in its OpenAPI document is sent malformed, mistyped,
 * huge, deeply nested and badly encoded bodies, injection strings in its parameters, and forged, expired,
 * wrong-role and other-tenant tokens. Nothing may answer 5xx, every refusal must be problem+json, and no token of one
 * provider or employer may read or change another's data.
 */
class AbuseIT {

    private static final String VICTIM_PROVIDER = "prov-stress-victim";
    private static final String ATTACKER_PROVIDER = "prov-stress-attacker";
    private static final String VICTIM_EMPLOYER = "emp-stress-victim";
    private static final String ATTACKER_EMPLOYER = "emp-stress-attacker";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RestAssuredConfig RAW = RestAssuredConfig.config().encoderConfig(
            EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));
    private static final List<String> INJECTIONS = List.of("{\"$gt\":\"\"}", "' OR '1'='1", "../../etc/passwd",
            "$where", "%00", "<script>alert(1)</script>", "a".repeat(5000), "\u0000", "-1", "99999999999999999999");

    private final Map<String, Integer> triedPerOperation = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private final Map<String, String> victimIds = new LinkedHashMap<>();
    private int requests;

    @Test
    void hostileInputNeverHarmsTheServicesOrCrossesTenants() throws Exception {
        SystemUnderTest system = StressSystem.get();
        prepareTenants(system);
        SplittableRandom random = new SplittableRandom(5);
        int rounds = Stress.size(1, 10);
        for (ServiceProcess service : List.of(system.issuer, system.registry, system.verification, system.notification)) {
            JsonNode openApi = JSON.readTree(given().get(service.baseUrl() + "/q/openapi?format=json")
                    .then().statusCode(200).extract().asByteArray());
            for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                    Map.Entry<String, JsonNode> op = ops.next();
                    if (Set.of("get", "post", "put", "patch", "delete").contains(op.getKey())) {
                        attack(service, op.getKey().toUpperCase(), path.getKey(), op.getValue(), rounds, random);
                    }
                }
            }
        }
        crossTenantWrites(system);
        int operations = triedPerOperation.size();
        writeRequestCounts();
        Results.record(5, "Abuse",
                requests + " hostile requests against " + operations + " operations of the 4 services (counts per "
                        + "operation in target/abuse-requests.md)",
                failures.size() + " findings (5xx, refusals not problem+json, cross-tenant or unauthenticated access)",
                failures.stream().limit(10).toList());
        assertThat(failures).isEmpty();
    }

    private void prepareTenants(SystemUnderTest system) throws Exception {
        Actors actors = StressSystem.actors();
        actors.registerAndAccredit(VICTIM_PROVIDER);
        actors.registerAndAccredit(ATTACKER_PROVIDER);
        String achievement = actors.publishAchievement(VICTIM_PROVIDER, "S5.6.3", "21211");
        String cohort = actors.scheduleCohort(VICTIM_PROVIDER, achievement, 10);
        var completion = actors.completeCohort(VICTIM_PROVIDER, achievement, cohort, List.of(
                Actors.learner("Léa Roy", "lea.roy@example.ca", true, true, List.of())), null);
        String credential = completion.getString("credentials[0].credentialId");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given()
                .get(system.registry.baseUrl() + "/credentials/" + credential).then().statusCode(200));
        actors.createEmployer(VICTIM_EMPLOYER, "rh@victime.example.ca", "fr");
        actors.createEmployer(ATTACKER_EMPLOYER, "rh@attaquant.example.ca", "en");
        String subscription = actors.subscribe(VICTIM_EMPLOYER,
                Map.of("achievementIds", List.of(achievement), "webhookUrl", "http://127.0.0.1:9/hooks")).getString("id");
        victimIds.put("providerId", VICTIM_PROVIDER);
        victimIds.put("achievementId", achievement);
        victimIds.put("cohortId", cohort);
        victimIds.put("credentialId", credential);
        victimIds.put("completionId", completion.getString("completionId") == null
                ? completion.getString("id") : completion.getString("completionId"));
        victimIds.put("employerId", VICTIM_EMPLOYER);
        victimIds.put("subscriptionId", subscription);
    }

    private void attack(ServiceProcess service, String method, String template, JsonNode operation, int rounds,
                        SplittableRandom random) {
        boolean authenticated = operation.path("security").size() > 0;
        boolean hasBody = operation.has("requestBody");
        String victimPath = fill(template, victimIds);
        String operationName = service.name() + " " + method + " " + template;
        List<String> queryNames = new ArrayList<>();
        operation.path("parameters").forEach(p -> {
            if ("query".equals(p.path("in").asText())) {
                queryNames.add(p.path("name").asText());
            }
        });

        // tokens that must never get in: none, forged, expired, wrong role, another tenant of the same role
        Map<String, String> hostileTokens = new LinkedHashMap<>();
        hostileTokens.put("no token", null);
        hostileTokens.put("forged operator token", DevTokens.signedByOtherKey("operator", Set.of("operator"), Map.of()));
        hostileTokens.put("expired operator token", DevTokens.expired("operator", Set.of("operator"), Map.of()));
        hostileTokens.put("wrong-role token", template.contains("/operator") || template.startsWith("/providers")
                ? DevTokens.employer(ATTACKER_EMPLOYER) : DevTokens.provider(ATTACKER_PROVIDER));
        hostileTokens.put("other provider's token", DevTokens.provider(ATTACKER_PROVIDER));
        hostileTokens.put("other employer's token", DevTokens.employer(ATTACKER_EMPLOYER));
        String body = hasBody ? "{}" : null;
        for (Map.Entry<String, String> token : hostileTokens.entrySet()) {
            Response answer = send(service, method, victimPath, token.getValue(), "application/json",
                    body == null ? null : body.getBytes(StandardCharsets.UTF_8), operationName);
            if (authenticated && answer != null && answer.statusCode() < 300 && targetsVictim(template)) {
                failures.add(operationName + " answered " + answer.statusCode() + " to the " + token.getKey()
                        + " on the victim's data");
            }
            boolean noValidIdentity = token.getValue() == null || token.getKey().contains("operator");
            if (authenticated && answer != null && answer.statusCode() < 300 && noValidIdentity) {
                failures.add(operationName + " answered " + answer.statusCode() + " with " + token.getKey());
            }
        }

        String legitimate = legitimateToken(template);
        for (int round = 0; round < rounds; round++) {
            for (String injection : INJECTIONS) {
                String injected = fill(template, Map.of()).replaceAll("\\{[^}]+}",
                        URLEncoder.encode(injection, StandardCharsets.UTF_8).replace("+", "%20"));
                send(service, method, injected, legitimate, "application/json",
                        body == null ? null : body.getBytes(StandardCharsets.UTF_8), operationName);
                for (String query : queryNames) {
                    send(service, method, victimPath + "?" + query + "="
                                    + URLEncoder.encode(injection, StandardCharsets.UTF_8), legitimate,
                            "application/json", body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                            operationName);
                }
            }
            if (!hasBody) {
                continue;
            }
            for (byte[] hostile : hostileBodies(random)) {
                send(service, method, victimPath, legitimate, "application/json", hostile, operationName);
            }
            send(service, method, victimPath, legitimate, "application/x-www-form-urlencoded",
                    "a=1".getBytes(StandardCharsets.UTF_8), operationName);
            send(service, method, victimPath, legitimate, "text/plain; charset=utf-16",
                    "{}".getBytes(StandardCharsets.UTF_16), operationName);
        }
    }

    /** Well-formed requests of another tenant aimed at the victim's data: each must be refused, nothing changed. */
    private void crossTenantWrites(SystemUnderTest system) {
        String attacker = DevTokens.provider(ATTACKER_PROVIDER);
        expectRefused(system.issuer, "POST", "/completions", attacker, Map.of("cohortId", victimIds.get("cohortId"),
                "learners", List.of(Map.of("name", "Intrus", "email", "intrus@example.ca", "passed", true,
                        "consentToEmployerContact", false, "portfolioLinks", List.of()))), 403);
        for (String action : List.of("revoke", "suspend", "reinstate")) {
            expectRefused(system.issuer, "POST", "/credentials/" + victimIds.get("credentialId") + "/" + action,
                    attacker, Map.of("reason", "hostile"), 403);
        }
        expectRefused(system.issuer, "POST", "/providers/" + VICTIM_PROVIDER + "/keys/rotate", attacker, null, 403);
        String employer = DevTokens.employer(ATTACKER_EMPLOYER);
        expectRefused(system.notification, "PATCH", "/subscriptions/" + victimIds.get("subscriptionId"), employer,
                Map.of("webhookUrl", "http://127.0.0.1:9/stolen"), 403);
        expectRefused(system.notification, "DELETE", "/subscriptions/" + victimIds.get("subscriptionId"), employer,
                null, 403);
        given().auth().oauth2(DevTokens.provider(VICTIM_PROVIDER))
                .get(system.issuer.baseUrl() + "/credentials/" + victimIds.get("credentialId") + "/status")
                .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("active"));
    }

    private void expectRefused(ServiceProcess service, String method, String path, String token, Object body,
                               int expected) {
        RequestSpecification request = given().auth().oauth2(token);
        if (body != null) {
            request.contentType(method.equals("PATCH") ? "application/merge-patch+json" : "application/json")
                    .body(body);
        }
        Response answer = request.request(method, service.baseUrl() + path);
        count(service.name() + " " + method + " (cross-tenant) " + path.replaceAll("/[^/]*-[0-9a-f-]{8,}[^/]*", "/{id}"));
        if (answer.statusCode() != expected && answer.statusCode() != 404) {
            failures.add(service.name() + " " + method + " " + path + " by another tenant answered "
                    + answer.statusCode() + ", expected " + expected);
        }
    }

    private static List<byte[]> hostileBodies(SplittableRandom random) {
        List<byte[]> bodies = new ArrayList<>();
        bodies.add("{\"name\": ".getBytes(StandardCharsets.UTF_8));
        bodies.add("[1,2,3]".getBytes(StandardCharsets.UTF_8));
        bodies.add("\"just a string\"".getBytes(StandardCharsets.UTF_8));
        bodies.add("null".getBytes(StandardCharsets.UTF_8));
        bodies.add(("{\"name\":{\"$gt\":\"\"},\"id\":{\"$ne\":null},\"learners\":\"all\",\"capacity\":\"many\","
                + "\"decision\":[true],\"skills\":{\"$where\":\"1\"},\"url\":{\"$regex\":\".*\"}}")
                .getBytes(StandardCharsets.UTF_8));
        bodies.add(("{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}").getBytes(StandardCharsets.UTF_8));
        bodies.add(new byte[]{'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'});
        byte[] huge = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        huge[0] = '{';
        huge[huge.length - 1] = '}';
        bodies.add(huge);
        byte[] noise = new byte[512];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (byte) random.nextInt(256);
        }
        bodies.add(noise);
        return bodies;
    }

    private Response send(ServiceProcess service, String method, String path, String token, String contentType,
                          byte[] body, String operationName) {
        RequestSpecification request = given().config(RAW).urlEncodingEnabled(false);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.contentType(contentType).body(body);
        }
        Response answer;
        try {
            answer = request.request(method, service.baseUrl() + path);
        } catch (RuntimeException refusedAtTransport) {
            // the server closed the connection on a hostile request: not a 5xx, and nothing was served
            count(operationName);
            return null;
        }
        count(operationName);
        int status = answer.statusCode();
        if (status >= 500) {
            failures.add(operationName + " answered " + status + " to " + method + " " + abbreviate(path));
        } else if (status >= 400 && !String.valueOf(answer.contentType()).startsWith("application/problem+json")
                && status != 405) {
            failures.add(operationName + " refused " + abbreviate(path) + " with " + status + " as "
                    + answer.contentType() + ", not problem+json");
        }
        return answer;
    }

    private void count(String operationName) {
        requests++;
        triedPerOperation.merge(operationName, 1, Integer::sum);
    }

    private void writeRequestCounts() throws Exception {
        List<String> lines = new ArrayList<>(List.of("# Abuse scenario: requests tried per operation", "",
                "| operation | requests |", "|---|---|"));
        triedPerOperation.forEach((op, n) -> lines.add("| " + op + " | " + n + " |"));
        if (!failures.isEmpty()) {
            lines.addAll(List.of("", "## Findings", ""));
            failures.forEach(f -> lines.add("- " + f));
        }
        Files.createDirectories(Results.directory());
        Files.write(Results.directory().resolve("abuse-requests.md"), lines, StandardCharsets.UTF_8);
    }

    /** A path template whose parameters name the victim's own data (and so must be refused to other tenants). */
    private static boolean targetsVictim(String template) {
        return template.contains("{providerId}") || template.contains("{employerId}")
                || template.contains("{subscriptionId}") || template.contains("{completionId}")
                || template.matches("/(subscriptions|employers)/\\{id}.*")
                || template.matches("/credentials/\\{credentialId}/(revoke|suspend|reinstate)");
    }

    private String legitimateToken(String template) {
        if (template.contains("/operator")) {
            return DevTokens.operator();
        }
        if (template.startsWith("/subscriptions") || template.startsWith("/employers")) {
            return DevTokens.employer(VICTIM_EMPLOYER);
        }
        return DevTokens.provider(VICTIM_PROVIDER);
    }

    private String fill(String template, Map<String, String> ids) {
        String filled = template;
        if (template.startsWith("/subscriptions/{id}")) {
            filled = filled.replace("{id}", ids.getOrDefault("subscriptionId", "{id}"));
        } else if (template.startsWith("/employers/{id}")) {
            filled = filled.replace("{id}", ids.getOrDefault("employerId", "{id}"));
        } else if (template.startsWith("/operator/providers/{id}") || template.startsWith("/providers/{id}")) {
            filled = filled.replace("{id}", ids.getOrDefault("providerId", "{id}"));
        }
        for (Map.Entry<String, String> id : ids.entrySet()) {
            filled = filled.replace("{" + id.getKey() + "}", id.getValue());
        }
        return ids.isEmpty() ? filled : filled.replaceAll("\\{[^}]+}", "unknown-id");
    }

    private static String abbreviate(String path) {
        return path.length() > 120 ? path.substring(0, 120) + "…" : path;
    }
}
