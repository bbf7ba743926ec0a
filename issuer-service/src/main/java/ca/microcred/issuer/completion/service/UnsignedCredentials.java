package ca.microcred.issuer.completion.service;

import ca.microcred.issuer.completion.Completion;
import ca.microcred.issuer.completion.Learner;
import ca.microcred.issuer.config.IssuerConfig;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Builds a learner's credential as an Open Badges 3.0 {@code OpenBadgeCredential} on the VC 2.0 data model.
 * The document carries no proof. For a provider registered in this service the processor replaces the issuer
 * with the provider's did:web profile and signs it; otherwise it is handed out as is ({@code proofFormat}
 * "none" in CredentialIssued).
 */
@ApplicationScoped
public class UnsignedCredentials {

    public static final String PROOF_FORMAT = "none";
    static final String VC_CONTEXT = "https://www.w3.org/ns/credentials/v2";
    static final String OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final IssuerConfig config;

    public UnsignedCredentials(IssuerConfig config) {
        this.config = config;
    }

    /** The public URL of a credential, which is also its {@code id}. */
    public String url(String credentialId) {
        return config.publicBase() + "/credentials/" + credentialId;
    }

    public ObjectNode build(Completion completion, Learner learner, Instant issuedAt) {
        boolean french = "fr".equals(completion.language());
        String achievementName = completion.achievementName().in(completion.language());

        ObjectNode credential = JSON.objectNode();
        credential.putArray("@context").add(VC_CONTEXT).add(OB_CONTEXT);
        credential.put("id", url(learner.credentialId()));
        credential.putArray("type").add("VerifiableCredential").add("OpenBadgeCredential");
        credential.put("name", achievementName);

        ObjectNode issuer = credential.putObject("issuer");
        issuer.put("id", issuerId(completion.providerId()));
        issuer.putArray("type").add("Profile");
        // the completion names the provider only by id, and OB 3.0 requires a name
        issuer.put("name", completion.providerId());

        credential.put("validFrom", issuedAt.toString());

        ObjectNode subject = credential.putObject("credentialSubject");
        subject.putArray("type").add("AchievementSubject");
        ArrayNode identifiers = subject.putArray("identifier");
        ObjectNode identity = identifiers.addObject();
        identity.put("type", "IdentityObject");
        identity.put("identityHash", learner.recipientHash());
        identity.put("identityType", "emailAddress");
        identity.put("hashed", true);
        identity.put("salt", learner.recipientSalt());

        ObjectNode achievement = subject.putObject("achievement");
        achievement.put("id", achievementId(completion.achievementId()));
        achievement.putArray("type").add("Achievement");
        achievement.put("name", achievementName);
        achievement.put("description", french
                ? "Décerné aux personnes qui ont réussi « " + achievementName + " » dans la cohorte "
                        + completion.cohortId() + "."
                : "Awarded to learners who passed \u201c" + achievementName + "\u201d in cohort "
                        + completion.cohortId() + ".");
        achievement.putObject("criteria").put("narrative", french
                ? "Avoir réussi l'évaluation de la cohorte " + completion.cohortId() + "."
                : "Passed the assessment of cohort " + completion.cohortId() + ".");
        achievement.put("inLanguage", completion.language());
        return credential;
    }

    /** A URN naming the provider until providers have resolvable identities of their own. */
    static String issuerId(String providerId) {
        return "urn:microcred:provider:" + URLEncoder.encode(providerId, StandardCharsets.UTF_8);
    }

    /** The achievement id as given when it is already an absolute URI, else its URL under this service. */
    String achievementId(String achievementId) {
        if (isAbsoluteUri(achievementId)) {
            return achievementId;
        }
        return config.publicBase() + "/achievements/" + URLEncoder.encode(achievementId, StandardCharsets.UTF_8);
    }

    private static boolean isAbsoluteUri(String value) {
        try {
            return URI.create(value).isAbsolute();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
