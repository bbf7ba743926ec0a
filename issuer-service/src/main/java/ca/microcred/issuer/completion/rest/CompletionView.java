package ca.microcred.issuer.completion.rest;

import ca.microcred.issuer.completion.Completion;
import ca.microcred.issuer.completion.CompletionStatus;
import ca.microcred.issuer.completion.Learner;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * A completion and how far its issuance got.
 *
 * @param issued      credentials stored so far; equals {@code passed} once the status is COMPLETED
 * @param credentials one entry per passed learner, in request order; ids are assigned on acceptance, so a URL
 *                    answers 404 until its credential is issued
 */
@Schema(name = "Completion")
public record CompletionView(
        String id,
        String providerId,
        String cohortId,
        String achievementId,
        CompletionStatus status,
        int enrolled,
        int passed,
        int issued,
        Instant acceptedAt,
        Instant completedAt,
        List<CredentialLink> credentials) {

    /**
     * A passed learner's credential: where it is served (public) and the link that adds it to the learner's
     * LinkedIn profile, for the provider to hand on to the learner.
     */
    @Schema(name = "CredentialLink")
    public record CredentialLink(
            @Schema(description = "The learner's email as reported, so the provider can send the links on")
            String email,
            String credentialId,
            String url,
            @Schema(description = "LinkedIn \"add to profile\" link (a certification with the credential's name, "
                    + "issuing organisation, issue month, URL and id filled in)")
            String linkedInAddToProfileUrl) {
    }

    public static CompletionView of(Completion completion, int issued, String publicBase) {
        List<CredentialLink> links = completion.passedLearners().stream()
                .map(learner -> link(completion, learner, publicBase))
                .toList();
        return new CompletionView(completion.id(), completion.providerId(), completion.cohortId(),
                completion.achievementId(), completion.status(), completion.enrolled(), completion.passed(), issued,
                completion.acceptedAt(), completion.completedAt(), links);
    }

    private static CredentialLink link(Completion completion, Learner learner, String publicBase) {
        String url = publicBase + "/credentials/" + learner.credentialId();
        return new CredentialLink(learner.email(), learner.credentialId(), url,
                linkedIn(completion, learner.credentialId(), url));
    }

    /** The credential's issue date is its validFrom, the moment the completion was accepted (UTC). */
    static String linkedIn(Completion completion, String credentialId, String url) {
        ZonedDateTime issued = completion.acceptedAt().atZone(ZoneOffset.UTC);
        return "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME"
                + "&name=" + encode(completion.achievementName().in(completion.language()))
                + "&organizationName=" + encode(completion.issuerName() == null ? completion.providerId()
                : completion.issuerName())
                + "&issueYear=" + issued.getYear()
                + "&issueMonth=" + issued.getMonthValue()
                + "&certUrl=" + encode(url)
                + "&certId=" + encode(credentialId);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
