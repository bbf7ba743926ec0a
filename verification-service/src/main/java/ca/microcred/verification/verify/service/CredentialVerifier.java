package ca.microcred.verification.verify.service;

import ca.microcred.verification.config.VerificationConfig;
import ca.microcred.verification.credential.CredentialRecord;
import ca.microcred.verification.credential.service.CredentialReadModel;
import ca.microcred.verification.trust.TrustedIssuer;
import ca.microcred.verification.trust.service.TrustList;
import ca.microcred.verification.verify.Check;
import ca.microcred.verification.verify.CheckResult;
import ca.microcred.verification.verify.Verification;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies a credential someone presents, by value: its proof and key, then what the registry knows about it
 * (status, the issuer's accreditation, the achievement) and what the document says (validity window, Open Badges
 * structure). Credentials of other issuers are verified too, with a warning that the registry does not vouch for
 * them. Every answer is counted; nothing about the learner is logged.
 */
@ApplicationScoped
public class CredentialVerifier {

    private final ProofChecks proofs;
    private final StatusListChecks statusLists;
    private final CredentialReadModel credentials;
    private final TrustList trustList;
    private final VerificationConfig config;
    private final VerificationMetrics metrics;

    public CredentialVerifier(ProofChecks proofs, StatusListChecks statusLists, CredentialReadModel credentials,
                              TrustList trustList, VerificationConfig config, VerificationMetrics metrics) {
        this.proofs = proofs;
        this.statusLists = statusLists;
        this.credentials = credentials;
        this.trustList = trustList;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * @param recipientEmail the candidate's email to compare with the credential's recipient, or null
     */
    public Verification verify(Presented presented, String recipientEmail) {
        ObjectNode credential = presented.credential();
        String documentId = credential.path("id").isTextual() ? credential.get("id").asText() : null;
        String issuer = DocumentChecks.issuerId(credential).orElse(null);
        Optional<CredentialRecord> recorded = credentials.findIssuedByDocumentId(documentId);
        // a document reusing the id of one of ours under another issuer must not borrow its status or standing
        boolean impostor = recorded.isPresent() && !recordedIssuer(recorded.get()).map(i -> i.equals(issuer))
                .orElse(true);
        Optional<CredentialRecord> ours = impostor ? Optional.empty() : recorded;

        List<CheckResult> checks = new ArrayList<>(proofs.check(presented));
        checks.add(status(credential, issuer, ours));
        checks.add(validity(presented));
        checks.add(impostor
                ? CheckResult.fail(Check.ISSUER_ACCREDITATION, "The credential reuses the id of a credential issued "
                        + "through this registry by another issuer")
                : accreditation(issuer, ours));
        checks.add(DocumentChecks.structure(credential));
        checks.add(achievement(credential, ours));
        if (recipientEmail != null && !recipientEmail.isBlank()) {
            checks.add(DocumentChecks.recipient(credential, recipientEmail));
        }
        Verification verification = Verification.of(documentId, checks,
                Summaries.of(credential, ours.map(r -> r.providerId).orElse(null)));
        metrics.count(verification);
        return verification;
    }

    /** The issuer of the registry's copy as issued, when the registry holds one. */
    private static Optional<String> recordedIssuer(CredentialRecord record) {
        try {
            if (record.credentialJwt != null) {
                return DocumentChecks.issuerId(CredentialJson.jwt(record.credentialJwt).payload());
            }
            if (record.credentialJson != null) {
                return DocumentChecks.issuerId(CredentialJson.object(record.credentialJson));
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * For credentials issued through this registry the issuer's decisions as published on credentials.events are
     * authoritative (they are also what our issuer's status lists are built from); for any other the status lists
     * the credential itself names.
     */
    private CheckResult status(ObjectNode credential, String issuer, Optional<CredentialRecord> ours) {
        if (ours.isPresent()) {
            return Checks.status(ours.get());
        }
        return statusLists.check(credential, issuer);
    }

    private CheckResult validity(Presented presented) {
        ObjectNode credential = presented.credential();
        Instant from = DocumentChecks.instant(credential.get("validFrom"))
                .or(() -> DocumentChecks.instant(credential.get("issuanceDate"))).orElse(null);
        Instant until = DocumentChecks.instant(credential.get("validUntil"))
                .or(() -> DocumentChecks.instant(credential.get("expirationDate"))).orElse(null);
        if (presented.jwt() != null) {
            JsonNode exp = presented.jwt().payload().get("exp");
            if (exp != null && exp.isNumber()) {
                Instant jwtUntil = Instant.ofEpochSecond(exp.asLong());
                until = until == null || jwtUntil.isBefore(until) ? jwtUntil : until;
            }
            JsonNode nbf = presented.jwt().payload().get("nbf");
            if (nbf != null && nbf.isNumber()) {
                Instant jwtFrom = Instant.ofEpochSecond(nbf.asLong());
                from = from == null || jwtFrom.isAfter(from) ? jwtFrom : from;
            }
        }
        return DocumentChecks.validity(from, until, Instant.now(), config.clockSkew());
    }

    private CheckResult accreditation(String issuer, Optional<CredentialRecord> ours) {
        if (ours.isPresent()) {
            String providerId = ours.get().providerId;
            return Checks.issuerAccreditation(providerId, trustList.find(providerId));
        }
        Optional<TrustedIssuer> entry = trustList.findByDid(issuer);
        if (entry.isPresent()) {
            return Checks.issuerAccreditation(entry.get().id, entry);
        }
        return CheckResult.warn(Check.ISSUER_ACCREDITATION, "The issuer " + (issuer == null ? "(unnamed)" : issuer)
                + " is not accredited in the national registry");
    }

    private static CheckResult achievement(ObjectNode credential, Optional<CredentialRecord> ours) {
        String achievementId = credential.path("credentialSubject").path("achievement").path("id").asText("");
        if (ours.isPresent()) {
            return CheckResult.pass(Check.ACHIEVEMENT, "Achievement " + ours.get().achievementId
                    + " is in the registry: this credential was issued for it");
        }
        return CheckResult.warn(Check.ACHIEVEMENT, "Achievement " + (achievementId.isEmpty() ? "(unnamed)"
                : achievementId) + " is not known to the registry");
    }
}
