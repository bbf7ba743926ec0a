package ca.microcred.issuer.completion;

import java.util.List;

/**
 * One learner's result within a completion. A learner who passed is given the credential id, salt and
 * recipient hash when the completion is accepted, so processing it again issues the very same credential.
 *
 * @param grade         the learner's grade or mark as the provider reports it (e.g. "A", "87 %"), or null
 * @param credentialId  id of the learner's credential; null when the learner did not pass
 * @param recipientSalt random salt of the recipient hash; null when the learner did not pass
 * @param recipientHash {@code sha256$<hex>} of the lower-case email followed by the salt; null when not passed
 */
public record Learner(
        String name,
        String email,
        boolean passed,
        boolean consentToEmployerContact,
        List<String> portfolioLinks,
        String grade,
        String credentialId,
        String recipientSalt,
        String recipientHash) {

    public Learner {
        portfolioLinks = portfolioLinks == null ? List.of() : List.copyOf(portfolioLinks);
    }

    /** Passed and agreed to be contacted: the only learners employers hear about. */
    public boolean isGraduate() {
        return passed && consentToEmployerContact;
    }
}
