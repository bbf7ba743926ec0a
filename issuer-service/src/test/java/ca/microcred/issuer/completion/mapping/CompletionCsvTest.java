package ca.microcred.issuer.completion.mapping;

import ca.microcred.issuer.completion.rest.CompletionRequest;
import ca.microcred.issuer.completion.rest.CompletionRequest.LearnerResult;
import ca.microcred.support.problem.Problem.Violation;
import ca.microcred.support.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompletionCsvTest {

    private static CompletionCsv read(String csv) {
        return CompletionCsv.read(csv.getBytes(StandardCharsets.UTF_8), null, "cohort-1", null, null);
    }

    @Test
    void quotedValuesAccentsAndBothLinkSeparatorsAreRead() {
        CompletionCsv csv = read("""
                email,name,passed,grade,evidence_urls,consent_employer_contact\r
                amelie@example.ca,"Tremblay, Amélie",oui,A+,https://a.example/1|https://a.example/2,yes\r
                francois@example.ca,"François ""Frank"" Bélanger",non,,,\r
                """);
        CompletionRequest request = csv.request();
        assertEquals("cohort-1", request.cohortId());
        LearnerResult amelie = request.learners().get(0);
        assertEquals("Tremblay, Amélie", amelie.name());
        assertEquals(true, amelie.passed());
        assertEquals(true, amelie.consentToEmployerContact());
        assertEquals("A+", amelie.grade());
        assertEquals(List.of("https://a.example/1", "https://a.example/2"), amelie.portfolioLinks());
        LearnerResult francois = request.learners().get(1);
        assertEquals("François \"Frank\" Bélanger", francois.name());
        assertEquals(false, francois.passed());
        assertEquals(false, francois.consentToEmployerContact());
        assertNull(francois.grade());
        assertNull(francois.portfolioLinks());
        assertTrue(csv.present(List.of()).isEmpty());
    }

    @Test
    void aSemicolonSeparatedExportWithAByteOrderMarkAndColumnsInAnyOrder() {
        CompletionCsv csv = read("\uFEFFName;PASSED;Email;evidence_urls\n"
                + "Zoé Roy;1;zoe@example.ca;https://z.example/a https://z.example/b\n\n");
        LearnerResult zoe = csv.request().learners().get(0);
        assertEquals("Zoé Roy", zoe.name());
        assertEquals("zoe@example.ca", zoe.email());
        assertEquals(List.of("https://z.example/a", "https://z.example/b"), zoe.portfolioLinks());
        assertEquals(1, csv.request().learners().size());
    }

    @Test
    void lineNumbersCountTheLinesOfQuotedValues() {
        CompletionCsv csv = read("""
                email,name,passed
                a@example.ca,"Line one
                line two",true
                b@example.ca,Bob,perhaps
                c@example.ca,Cy
                """);
        List<Violation> problems = csv.present(List.of(new Violation("learners[0].email", "is wrong"),
                new Violation("learners[2].passed", "must not be null"),
                new Violation("learners[2].email", "repeats the email of learners[0]; each learner is listed once")));
        assertEquals(List.of(
                        new Violation("line 2, column email", "is wrong"),
                        new Violation("line 4, column passed",
                                "'perhaps' is not a yes or no; write true/false, yes/no, oui/non or 1/0"),
                        new Violation("line 5", "has 2 values; the header has 3 columns"),
                        new Violation("line 5, column email", "repeats the email of line 2; each learner is listed once"),
                        new Violation("line 5, column passed", "must not be null")),
                problems);
    }

    @Test
    void unknownAndMissingColumnsAreReportedTogether() {
        ProblemException e = assertThrows(ProblemException.class, () -> read("mail,name,grade,name\nx,y,z,w\n"));
        assertEquals(400, e.status());
        assertEquals(List.of("line 1, column 1", "line 1, column name", "line 1, column email",
                        "line 1, column passed"),
                e.violations().stream().map(Violation::field).toList());
    }

    @Test
    void aBodyThatIsNotUtf8IsRefused() {
        byte[] latin1 = "email,name,passed\na@example.ca,Amélie,true\n".getBytes(StandardCharsets.ISO_8859_1);
        ProblemException e = assertThrows(ProblemException.class,
                () -> CompletionCsv.read(latin1, null, "c", null, null));
        assertEquals("body", e.violations().get(0).field());
        assertTrue(e.violations().get(0).message().contains("UTF-8"));
    }

    @Test
    void anEmptyBodyOrAHeaderAloneListsNoLearner() {
        assertThrows(ProblemException.class, () -> read(""));
        CompletionCsv headerOnly = read("email,name,passed\n");
        assertNull(headerOnly.request().learners());
        assertEquals(List.of(new Violation("body", "lists no learner; add one row per learner under the header")),
                headerOnly.present(List.of()));
    }
}
