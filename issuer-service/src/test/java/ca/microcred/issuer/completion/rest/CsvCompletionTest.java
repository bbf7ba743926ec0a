package ca.microcred.issuer.completion.rest;

import ca.microcred.contracts.Topics;
import ca.microcred.contracts.events.CohortCompleted;
import ca.microcred.devstack.DevTokens;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.issuer.support.Completions;
import ca.microcred.issuer.support.Completions.Scheduled;
import ca.microcred.issuer.support.IssuerDatabase;
import ca.microcred.issuer.support.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static ca.microcred.issuer.support.Completions.awaitCompleted;
import static ca.microcred.issuer.support.Completions.newId;
import static ca.microcred.issuer.support.Completions.postCsv;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Results exported from a spreadsheet: read with their accents, refused whole with every problem located. */
@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class CsvCompletionTest {

    private static final String PROBLEM = "application/problem+json";

    static final String RESULTS = """
            email,name,passed,grade,evidence_urls,consent_employer_contact
            amelie.tremblay@example.ca,Amélie Tremblay,oui,A+,https://portfolio.example.ca/amelie|https://github.com/amelie/ot,oui
            "francois.belanger@example.ca","Bélanger, François",true,B,,non
            chloe.cote@example.ca,Chloé Côté,false,D,,yes
            noemie.lefebvre@example.ca,Noémie Lefèbvre,yes,87 %,https://portfolio.example.ca/noemie,true
            """;

    @Test
    void aCsvCompletionIssuesCredentialsAndAnnouncesConsentingGraduatesWithTheirAccents() {
        Scheduled scheduled = Completions.schedule();
        JsonPath accepted = postCsv(DevTokens.provider(scheduled.providerId()), newId("key"), scheduled.cohortId(),
                RESULTS, Map.of())
                .then().statusCode(202)
                .body("cohortId", equalTo(scheduled.cohortId()))
                .body("enrolled", equalTo(4))
                .body("passed", equalTo(3))
                .body("credentials.email", contains("amelie.tremblay@example.ca", "francois.belanger@example.ca",
                        "noemie.lefebvre@example.ca"))
                .extract().jsonPath();
        String completionId = accepted.getString("id");
        awaitCompleted(scheduled.providerId(), completionId);
        CompletionResourceTest.awaitPublished(completionId);

        JsonPath credential = given().get("/credentials/{id}", accepted.getString("credentials[0].credentialId"))
                .then().statusCode(200).extract().jsonPath();
        assertEquals("A+", credential.getString("credentialSubject.result[0].value"));
        assertEquals(List.of("https://portfolio.example.ca/amelie", "https://github.com/amelie/ot"),
                credential.getList("evidence.id"));
        assertEquals("Amélie Tremblay", credential.getString("credentialSubject.identifier[1].identityHash"));
        assertEquals("87 %", given().get("/credentials/{id}", accepted.getString("credentials[2].credentialId"))
                .then().extract().jsonPath().getString("credentialSubject.result[0].value"));

        List<TopicReader.Published> completed = TopicReader.read(Topics.COHORTS, scheduled.cohortId()::equals);
        assertThat(completed, hasSize(1));
        CohortCompleted event = (CohortCompleted) completed.get(0).event().data();
        // François passed without consent, Chloé consented without passing
        assertThat(event.graduates().stream().map(CohortCompleted.Graduate::name).toList(),
                contains("Amélie Tremblay", "Noémie Lefèbvre"));
        assertEquals(List.of("https://portfolio.example.ca/amelie", "https://github.com/amelie/ot"),
                event.graduates().get(0).portfolioLinks());
        assertEquals("noemie.lefebvre@example.ca", event.graduates().get(1).email());
        assertEquals(4, event.enrolled());
        assertEquals(3, event.passed());
    }

    @Test
    void everyBadRowIsReportedWithItsLineAndColumnAndNothingIsIssued() {
        Scheduled scheduled = Completions.schedule();
        String csv = """
                email,name,passed,grade,evidence_urls,consent_employer_contact
                amelie.tremblay@example.ca,Amélie Tremblay,true,A,https://portfolio.example.ca/amelie,true
                not-an-email,Jordan Smith,true,B,,false
                priya@example.ca,,peut-être,,ftp://files.example.ca/priya,true
                AMELIE.TREMBLAY@example.ca,Amélie T.,true,A,,false
                noah@example.ca,Noah Gagnon,true
                """;
        postCsv(DevTokens.provider(scheduled.providerId()), newId("key"), scheduled.cohortId(), csv,
                Map.of("proofFormat", "vc-jwt"))
                .then().statusCode(400).contentType(PROBLEM)
                .body("detail", equalTo("The request has 6 problems"))
                .body("violations.field", contains("line 3, column email", "line 4, column evidence_urls",
                        "line 4, column name", "line 4, column passed", "line 5, column email", "line 6"))
                .body("violations.find { it.field == 'line 5, column email' }.message", containsString("line 2"));
        assertEquals(0, IssuerDatabase.completionsForCohort(scheduled.cohortId()));
        assertEquals(0, IssuerDatabase.credentialsForCohort(scheduled.cohortId()));
        // the cohort stays open: the corrected file is accepted
        postCsv(DevTokens.provider(scheduled.providerId()), newId("key"), scheduled.cohortId(), RESULTS, Map.of())
                .then().statusCode(202);
    }

    @Test
    void parametersAreCheckedWithTheRows() {
        Scheduled scheduled = Completions.schedule();
        postCsv(DevTokens.provider(scheduled.providerId()), null, "has spaces",
                "email,name,passed\nnot-an-email,Zoé,true\n", Map.of("proofFormat", "ldp-rsa"))
                .then().statusCode(400).contentType(PROBLEM)
                .body("violations.field", contains("cohortId", "line 2, column email", "proofFormat"));
        given().auth().oauth2(DevTokens.provider(scheduled.providerId())).contentType("text/csv; charset=utf-8")
                .body("email,name,passed\nzoe@example.ca,Zoé,true\n").post("/completions")
                .then().statusCode(400).contentType(PROBLEM)
                .body("violations.field", contains("cohortId"));
        postCsv(DevTokens.provider(scheduled.providerId()), null, "no-such-cohort", RESULTS, Map.of())
                .then().statusCode(404).contentType(PROBLEM);
        postCsv(DevTokens.provider(Completions.schedule().providerId()), null, scheduled.cohortId(), RESULTS, Map.of())
                .then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void aCsvInAnotherEncodingIsRefused() {
        Scheduled scheduled = Completions.schedule();
        // declared UTF-8, but saved as Latin-1 (é is one byte that UTF-8 cannot read)
        given().auth().oauth2(DevTokens.provider(scheduled.providerId())).contentType("text/csv; charset=utf-8")
                .queryParam("cohortId", scheduled.cohortId())
                .body("email,name,passed\namelie@example.ca,Amélie,true\n".getBytes(StandardCharsets.ISO_8859_1))
                .post("/completions")
                .then().statusCode(400).contentType(PROBLEM)
                .body("violations[0].field", equalTo("body"))
                .body("violations[0].message", containsString("UTF-8"));
        given().auth().oauth2(DevTokens.provider(scheduled.providerId())).contentType("text/csv; charset=windows-1252")
                .queryParam("cohortId", scheduled.cohortId())
                .body("email,name,passed\namelie@example.ca,Amelie,true\n")
                .post("/completions")
                .then().statusCode(400).contentType(PROBLEM)
                .body("violations[0].field", equalTo("Content-Type"));
        assertEquals(0, IssuerDatabase.completionsForCohort(scheduled.cohortId()));
    }

    @Test
    void theSameKeyAndCsvReplayTheCompletionAndAnotherProofFormatIsAnotherRequest() {
        Scheduled scheduled = Completions.schedule();
        String token = DevTokens.provider(scheduled.providerId());
        String key = newId("key");
        JsonPath first = postCsv(token, key, scheduled.cohortId(), RESULTS, Map.of("proofFormat", "vc-jwt"))
                .then().statusCode(202).extract().jsonPath();
        postCsv(token, key, scheduled.cohortId(), RESULTS, Map.of("proofFormat", "vc-jwt"))
                .then().statusCode(202)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(first.getString("id")))
                .body("credentials.credentialId", contains(first.getList("credentials.credentialId").toArray()));
        postCsv(token, key, scheduled.cohortId(), RESULTS, Map.of())
                .then().statusCode(422).contentType(PROBLEM);
        postCsv(token, key, scheduled.cohortId(), RESULTS.replace("A+", "A"), Map.of("proofFormat", "vc-jwt"))
                .then().statusCode(422).contentType(PROBLEM);
        awaitCompleted(scheduled.providerId(), first.getString("id"));
        given().get("/credentials/{id}.jwt", first.getString("credentials[0].credentialId")).then().statusCode(200);
        assertEquals(1, IssuerDatabase.completionsForCohort(scheduled.cohortId()));
        assertEquals(3, IssuerDatabase.credentialsForCohort(scheduled.cohortId()));
    }

    @Test
    void aCsvOverFourMebibytesIsTooLarge() {
        StringBuilder csv = new StringBuilder("email,name,passed\n");
        while (csv.length() <= 4 * 1024 * 1024) {
            csv.append("someone@example.ca,").append("x".repeat(200)).append(",true\n");
        }
        postCsv(DevTokens.provider("anyone"), null, "any-cohort", csv.toString(), Map.of())
                .then().statusCode(413).contentType(PROBLEM)
                .body("detail", containsString("limit is 4194304 bytes"));
    }
}
