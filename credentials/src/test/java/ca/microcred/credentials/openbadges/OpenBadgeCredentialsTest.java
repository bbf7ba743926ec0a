package ca.microcred.credentials.openbadges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ca.microcred.credentials.SampleCredentials;
import ca.microcred.credentials.TestVectors;
import ca.microcred.credentials.jsonld.JsonLdCanonicalizer;
import ca.microcred.credentials.status.BitstringStatusListEntry;
import ca.microcred.credentials.status.StatusPurpose;

class OpenBadgeCredentialsTest {

    private static final String ISSUER = "did:web:issuer.microcred.ca:providers:p-1";

    @Test
    void credentialJsonHasTheOpenBadgesShape() {
        ObjectNode json = OpenBadgeCredentials.toJson(SampleCredentials.issued(ISSUER, 1));

        assertThat(json.path("@context")).extracting(JsonNode::asText).containsExactly(
                "https://www.w3.org/ns/credentials/v2",
                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
                "https://microcred.ca/ns/microcredential/v1");
        assertThat(json.path("type")).extracting(JsonNode::asText).containsExactly("VerifiableCredential", "OpenBadgeCredential");
        assertThat(json.path("issuer").path("type").get(0).asText()).isEqualTo("Profile");
        assertThat(json.path("issuer").path("id").asText()).isEqualTo(ISSUER);
        assertThat(json.path("validFrom").asText()).isEqualTo("2026-05-01T12:00:00Z");
        assertThat(json.has("validUntil")).as("nulls are left out").isFalse();
        JsonNode subject = json.path("credentialSubject");
        assertThat(subject.path("type").get(0).asText()).isEqualTo("AchievementSubject");
        assertThat(subject.has("id")).isFalse();
        JsonNode identity = subject.path("identifier").get(0);
        assertThat(identity.path("type").asText()).isEqualTo("IdentityObject");
        assertThat(identity.path("hashed").asBoolean()).isTrue();
        assertThat(identity.path("identityType").asText()).isEqualTo("emailAddress");
        assertThat(identity.path("identityHash").asText()).startsWith("sha256$").hasSize(7 + 64);
        JsonNode achievement = subject.path("achievement");
        assertThat(achievement.path("type").get(0).asText()).isEqualTo("Achievement");
        assertThat(achievement.path("achievementType").asText()).isEqualTo("MicroCredential");
        assertThat(achievement.path("criteria").path("narrative").asText()).isNotBlank();
        assertThat(json.toString()).contains("\"workloadHours\":45,");
        assertThat(achievement.path("qualityAssurance").path("type").asText()).isEqualTo("QualityAssuranceBody");
        assertThat(json.path("credentialStatus").path("type").asText()).isEqualTo("BitstringStatusListEntry");
        assertThat(json.path("credentialStatus").path("statusListIndex").asText()).isEqualTo("90001");
        assertThat(json.path("evidence").get(0).path("type").get(0).asText()).isEqualTo("Evidence");
    }

    @Test
    void everyExtensionTermSurvivesCanonicalisation() {
        String nquads = JsonLdCanonicalizer.shared().canonicalize(OpenBadgeCredentials.toJson(SampleCredentials.issued(ISSUER, 1)));

        String mc = "<https://microcred.ca/ns/microcredential#";
        assertThat(nquads)
                .contains(mc + "workloadHours> \"45\"^^<http://www.w3.org/2001/XMLSchema#integer>")
                .contains(mc + "assessmentType> \"practical-demonstration\"")
                .contains(mc + "competencyBased> \"true\"^^<http://www.w3.org/2001/XMLSchema#boolean>")
                .contains(mc + "portfolioRequired> \"true\"^^<http://www.w3.org/2001/XMLSchema#boolean>")
                .contains(mc + "deliveryMode> \"HYBRID\"")
                .contains(mc + "selfPaced> \"false\"^^<http://www.w3.org/2001/XMLSchema#boolean>")
                .contains(mc + "level> \"introductory\"")
                .contains(mc + "sector> \"Manufacturing\"")
                .contains(mc + "prerequisites> \"WHMIS certificate\"")
                .contains(mc + "stacksInto> <https://issuer.microcred.ca/achievements/a-40>")
                .contains(mc + "qualityAssurance> _:")
                .contains("<https://microcred.ca/ns/microcredential#QualityAssuranceBody>")
                // standard fields keep their Open Badges meaning
                .contains("<https://purl.imsglobal.org/spec/vc/ob/vocab.html#identityHash>")
                .contains("<https://purl.imsglobal.org/spec/vc/ob/vocab.html#creditsAvailable> \"1.5E0\"^^<https://www.w3.org/2001/XMLSchema#float>")
                .contains("<https://www.w3.org/ns/credentials/status#statusListIndex> \"90001\"")
                .contains("\"Soudage à l'arc — niveau 1\"")
                .doesNotContain("issuer-dependent#");
    }

    @Test
    void fractionalWorkloadHoursAreAWellTypedDouble() {
        Achievement achievement = Achievement.builder("https://issuer.microcred.ca/achievements/a-2", "Short course",
                "Ninety minutes", Criteria.narrative("Attend")).workloadHours(7.5).build();

        ObjectNode document = OpenBadgeCredentials.achievementDocument(achievement);

        assertThat(document.path("workloadHours").decimalValue()).isEqualByComparingTo("7.5");
        assertThat(JsonLdCanonicalizer.shared().canonicalize(document))
                .contains("<https://microcred.ca/ns/microcredential#workloadHours> \"7.5E0\"^^<http://www.w3.org/2001/XMLSchema#double>");
    }

    @Test
    void credentialWithoutExtensionTermsListsOnlyTheTwoStandardContexts() {
        Achievement plain = Achievement.builder("https://issuer.microcred.ca/achievements/a-1", "First aid", "Basic first aid",
                Criteria.narrative("Pass the test")).build();
        OpenBadgeCredential credential = OpenBadgeCredentials.builder()
                .id("urn:uuid:1")
                .issuer(Profile.of(ISSUER, "Collège Horizon"))
                .validFrom(Instant.parse("2026-05-01T12:00:00Z"))
                .subject(new AchievementSubject("did:example:learner", null, null, plain, null, null, null, null))
                .build();

        ObjectNode json = OpenBadgeCredentials.toJson(credential);

        assertThat(json.path("@context")).hasSize(2);
        assertThat(JsonLdCanonicalizer.shared().canonicalize(json)).contains("<did:example:learner>");
    }

    @Test
    void jsonRoundTripsToTheSameModel() {
        OpenBadgeCredential credential = SampleCredentials.issued(ISSUER, 7);

        OpenBadgeCredential read = OpenBadgeCredentials.fromJson(OpenBadgeCredentials.toJson(credential));

        assertThat(read).isEqualTo(credential);
    }

    @Test
    void aRevocationAndASuspensionEntryAreWrittenAsAnArrayAndReadBack() {
        String lists = "https://issuer.microcred.ca/providers/p-1/status-lists/";
        OpenBadgeCredential credential = OpenBadgeCredentials.builder()
                .id("urn:uuid:2")
                .issuer(Profile.of(ISSUER, "Collège Horizon"))
                .validFrom(Instant.parse("2026-05-01T12:00:00Z"))
                .subject(SampleCredentials.issued(ISSUER, 3).credentialSubject())
                .status(BitstringStatusListEntry.of(lists + "revocation", StatusPurpose.REVOCATION, 4711))
                .status(BitstringStatusListEntry.of(lists + "suspension", StatusPurpose.SUSPENSION, 4711))
                .build();

        ObjectNode json = OpenBadgeCredentials.toJson(credential);

        assertThat(json.path("credentialStatus").isArray()).isTrue();
        assertThat(json.path("credentialStatus").get(1).path("statusPurpose").asText()).isEqualTo("suspension");
        assertThat(OpenBadgeCredentials.fromJson(json).credentialStatus()).hasSize(2)
                .isEqualTo(credential.credentialStatus());
        assertThat(JsonLdCanonicalizer.shared().canonicalize(json))
                .contains("<https://www.w3.org/ns/credentials/status#statusPurpose> \"suspension\"");
    }

    @Test
    void readsTheSpecExamples() {
        OpenBadgeCredential read = OpenBadgeCredentials.fromJson(TestVectors.json("achievementAlignmentCase.json"));

        assertThat(read.credentialSubject().achievement().alignment()).hasSize(1);
        assertThat(read.credentialSubject().achievement().alignment().get(0).targetType()).isEqualTo("CFItem");
        assertThat(read.issuer().name()).isEqualTo("Example University");
    }

    @Test
    void builderListsEveryMissingRequiredField() {
        assertThatThrownBy(() -> OpenBadgeCredentials.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("id")
                .hasMessageContaining("issuer")
                .hasMessageContaining("validFrom")
                .hasMessageContaining("credentialSubject");
        assertThatThrownBy(() -> Achievement.builder("urn:a", "n", "d", null).build()).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new AchievementSubject(null, null, List.of(), SampleCredentials.achievement(), null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hashedEmailIdentityMatchesTheOpenBadgesRecipe() {
        IdentityObject identity = IdentityObject.hashedEmail(" Alice@College.CA ", "9f86d081884c7d65");

        // sha256("alice@college.ca" + "9f86d081884c7d65")
        assertThat(identity.identityHash())
                .isEqualTo("sha256$45c7281909cc2dd4d7a227cf09028cff9dcd737bf250158b25371df5a0ed9cb8");
        assertThat(identity.salt()).isEqualTo("9f86d081884c7d65");
        assertThat(identity.matchesEmail("alice@college.ca")).isTrue();
        assertThat(identity.matchesEmail("bob@college.ca")).isFalse();
        assertThat(IdentityObject.newSalt()).hasSize(32).isNotEqualTo(IdentityObject.newSalt());
    }

    @Test
    void publishedAchievementDocumentIsValidJsonLd() {
        ObjectNode document = OpenBadgeCredentials.achievementDocument(SampleCredentials.achievement());

        assertThat(document.path("@context")).hasSize(3);
        assertThat(document.path("id").asText()).isEqualTo(SampleCredentials.ACHIEVEMENT_ID);
        assertThat(JsonLdCanonicalizer.shared().canonicalize(document))
                .contains("<" + SampleCredentials.ACHIEVEMENT_ID + "> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#Achievement>");
    }
}
