package ca.microcred.credentials;

import java.time.Instant;
import java.util.List;

import ca.microcred.credentials.openbadges.Achievement;
import ca.microcred.credentials.openbadges.AchievementSubject;
import ca.microcred.credentials.openbadges.Alignment;
import ca.microcred.credentials.openbadges.Criteria;
import ca.microcred.credentials.openbadges.Evidence;
import ca.microcred.credentials.openbadges.OpenBadgeCredential;
import ca.microcred.credentials.openbadges.OpenBadgeCredentials;
import ca.microcred.credentials.openbadges.Profile;
import ca.microcred.credentials.openbadges.QualityAssuranceBody;
import ca.microcred.credentials.openbadges.Result;
import ca.microcred.credentials.openbadges.ResultDescription;
import ca.microcred.credentials.status.BitstringStatusListEntry;
import ca.microcred.credentials.status.StatusPurpose;

/** Credentials shaped like the ones the issuer produces for a cohort completion. */
public final class SampleCredentials {

    public static final String ACHIEVEMENT_ID = "https://issuer.microcred.ca/achievements/a-17";
    public static final String GRADE_ID = ACHIEVEMENT_ID + "#grade";

    private SampleCredentials() {
    }

    public static Achievement achievement() {
        return Achievement.builder(ACHIEVEMENT_ID, "Soudage à l'arc — niveau 1",
                "Welds carbon steel plate in flat and horizontal positions to CSA W47.1 workmanship standards.",
                Criteria.narrative("Passes the practical weld test and submits a portfolio of five coupons."))
                .alignment(Alignment.of("ESCO", "S6.13.2", "weld metal pieces",
                        "http://data.europa.eu/esco/skill/a1f8ab8f-8b0f-4b3c-92b4-3a3fd2d7c8a5"))
                .alignment(new Alignment(null, "Welders and related machine operators", "https://noc.esdc.gc.ca/Structure/NocProfile?objectid=72106",
                        null, "NOC", "72106", null))
                .creditsAvailable(1.5)
                .fieldOfStudy("Welding")
                .inLanguage("fr-CA")
                .resultDescription(new ResultDescription(GRADE_ID, null, "Final grade", "LetterGrade",
                        List.of("A", "B", "C", "D", "F"), "C", null, null))
                .tag("welding")
                .workloadHours(45)
                .assessmentType("practical-demonstration")
                .competencyBased(true)
                .portfolioRequired(true)
                .deliveryMode("HYBRID")
                .selfPaced(false)
                .level("introductory")
                .sector("Manufacturing")
                .prerequisite("WHMIS certificate")
                .stacksInto("https://issuer.microcred.ca/achievements/a-40")
                .qualityAssurance(QualityAssuranceBody.of("Canadian Welding Bureau", "https://www.cwbgroup.org"))
                .build();
    }

    /** A completion credential for a learner identified by a salted hash of their e-mail. */
    public static OpenBadgeCredential issued(String issuerDid, int learner) {
        AchievementSubject subject = AchievementSubject
                .ofHashedEmail("learner" + learner + "@example.ca", "a1b2c3d4e5f60718", achievement())
                .withResults(List.of(Result.value(GRADE_ID, "A")))
                .withActivity("2026-01-12T00:00:00Z", "2026-04-24T00:00:00Z");
        return OpenBadgeCredentials.builder()
                .id("urn:uuid:5f0c2f8e-2d3c-4a4e-9d0b-" + String.format("%012d", learner))
                .issuer(Profile.of(issuerDid, "Collège Horizon").withUrl("https://horizon.example.ca"))
                .validFrom(Instant.parse("2026-05-01T12:00:00Z"))
                .subject(subject)
                .evidence(Evidence.link("https://portfolio.example.ca/learner" + learner + "/welds", "Weld coupons"))
                .status(BitstringStatusListEntry.of("https://issuer.microcred.ca/status/p-1/revocation/1",
                        StatusPurpose.REVOCATION, 90_000 + learner))
                .build();
    }
}
