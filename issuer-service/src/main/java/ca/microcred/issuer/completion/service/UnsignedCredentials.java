package ca.microcred.issuer.completion.service;

import ca.microcred.issuer.completion.Completion;
import ca.microcred.issuer.completion.Learner;
import ca.microcred.issuer.config.IssuerConfig;
import ca.microcred.issuer.achievement.mapping.OpenBadgeAchievement;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds a learner's credential as an Open Badges 3.0 {@code OpenBadgeCredential} on the VC 2.0 data model.
 * The document carries no proof. For a provider registered in this service the processor replaces the issuer
 * with the provider's did:web profile and signs it; otherwise it is handed out as is ({@code proofFormat}
 * "none" in CredentialIssued).
 */
@Singleton // no client proxy: the signing threads use it, and they run outside any CDI context
public class UnsignedCredentials {

    public static final String PROOF_FORMAT = "none";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private static final ObjectReader READER = new ObjectMapper().reader();

    private final IssuerConfig config;
    private final AtomicReference<ParsedAchievement> lastAchievement = new AtomicReference<>();

    public UnsignedCredentials(IssuerConfig config) {
        this.config = config;
    }

    /** The public URL of a credential, which is also its {@code id}. */
    public String url(String credentialId) {
        return config.publicBase() + "/credentials/" + credentialId;
    }

    /**
     * The learner's credential. Its {@code validFrom} is the moment the completion was accepted, so building it
     * again (a resumed run) gives the same document; {@code issuedAt} is only the time of this build.
     */
    public ObjectNode build(Completion completion, Learner learner, Instant issuedAt) {
        String achievementName = completion.achievementName().in(completion.language());

        ObjectNode credential = JSON.objectNode();
        ArrayNode context = credential.putArray("@context");
        OpenBadgeAchievement.CONTEXT.forEach(context::add);
        credential.put("id", url(learner.credentialId()));
        credential.putArray("type").add("VerifiableCredential").add("OpenBadgeCredential");
        credential.put("name", achievementName);

        ObjectNode issuer = credential.putObject("issuer");
        issuer.put("id", issuerId(completion.providerId()));
        issuer.putArray("type").add("Profile");
        issuer.put("name", completion.issuerName() == null ? completion.providerId() : completion.issuerName());

        credential.put("validFrom", completion.acceptedAt().toString());

        ObjectNode subject = credential.putObject("credentialSubject");
        subject.putArray("type").add("AchievementSubject");
        ArrayNode identifiers = subject.putArray("identifier");
        ObjectNode identity = identifiers.addObject();
        identity.put("type", "IdentityObject");
        identity.put("identityHash", learner.recipientHash());
        identity.put("identityType", "emailAddress");
        identity.put("hashed", true);
        identity.put("salt", learner.recipientSalt());
        if (completion.includeLearnerName()) {
            // the provider chose to name its learners: Open Badges carries a plain name as an unhashed identity
            ObjectNode name = identifiers.addObject();
            name.put("type", "IdentityObject");
            name.put("identityHash", learner.name());
            name.put("identityType", "name");
            name.put("hashed", false);
        }
        ObjectNode achievement = achievement(completion);
        subject.set("achievement", achievement);

        ObjectNode result = subject.putArray("result").addObject();
        result.putArray("type").add("Result");
        result.put("resultDescription", achievement.path("id").asText() + "#result");
        result.put("status", "Completed");
        if (learner.grade() != null) {
            result.put("value", learner.grade());
        }
        if (!learner.portfolioLinks().isEmpty()) {
            ArrayNode evidence = credential.putArray("evidence");
            for (String link : learner.portfolioLinks()) {
                ObjectNode item = evidence.addObject();
                item.put("id", link);
                item.putArray("type").add("Evidence");
                item.put("name", "Portfolio");
                item.put("genre", "fr".equals(completion.language()) ? "Portfolio de l'apprenant"
                        : "Learner portfolio");
            }
        }
        return credential;
    }

    /**
     * The published Open Badges Achievement the completion recorded, parsed once per completion (a cohort's
     * credentials all embed the same one) and copied into each credential.
     */
    private ObjectNode achievement(Completion completion) {
        ParsedAchievement parsed = lastAchievement.get();
        if (parsed == null || !parsed.completionId().equals(completion.id())) {
            try {
                parsed = new ParsedAchievement(completion.id(), (ObjectNode) READER.readTree(completion.achievement()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Completion " + completion.id() + " holds an unreadable achievement", e);
            }
            lastAchievement.set(parsed);
        }
        return parsed.achievement().deepCopy();
    }

    private record ParsedAchievement(String completionId, ObjectNode achievement) {
    }

    /** A URN naming the provider until providers have resolvable identities of their own. */
    static String issuerId(String providerId) {
        return "urn:microcred:provider:" + URLEncoder.encode(providerId, StandardCharsets.UTF_8);
    }
}
