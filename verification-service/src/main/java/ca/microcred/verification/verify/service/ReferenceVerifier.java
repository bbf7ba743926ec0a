package ca.microcred.verification.verify.service;

import ca.microcred.verification.config.VerificationConfig;
import ca.microcred.verification.credential.CredentialRecord;
import ca.microcred.verification.credential.service.CredentialReadModel;
import ca.microcred.verification.trust.service.TrustList;
import ca.microcred.verification.verify.Check;
import ca.microcred.verification.verify.CheckResult;
import ca.microcred.verification.verify.Verification;
import ca.microcred.support.problem.ProblemException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies a credential by its id against what the registry knows: the issuance, the issuer's latest status
 * decision, the validity window and the provider's accreditation. Every answer is counted by outcome and first
 * failing check; nothing about the learner is read, logged or counted.
 */
@ApplicationScoped
public class ReferenceVerifier {

    /** proofFormat of a credential carried without a proof. */
    static final String UNSIGNED = "none";

    private final CredentialReadModel credentials;
    private final TrustList trustList;
    private final ProofChecks proofs;
    private final VerificationConfig config;
    private final VerificationMetrics metrics;

    public ReferenceVerifier(CredentialReadModel credentials, TrustList trustList, ProofChecks proofs,
                             VerificationConfig config, VerificationMetrics metrics) {
        this.credentials = credentials;
        this.trustList = trustList;
        this.proofs = proofs;
        this.config = config;
        this.metrics = metrics;
    }

    /** @throws ProblemException 404 when no credential with this id was issued through the registry */
    public Verification verify(String credentialId) {
        Optional<CredentialRecord> found = credentials.findIssued(credentialId);
        if (found.isEmpty()) {
            metrics.count("unknown", Check.ISSUED.id());
            throw new ProblemException(404, "Not Found",
                    "No credential with id '" + credentialId + "' was issued through this registry");
        }
        CredentialRecord record = found.get();
        Optional<Presented> copy = registryCopy(record);
        List<CheckResult> checks = new ArrayList<>(List.of(
                Checks.issued(record),
                Checks.status(record),
                Checks.validity(record, Instant.now(), config.clockSkew()),
                Checks.issuerAccreditation(record.providerId, trustList.find(record.providerId))));
        if (UNSIGNED.equals(record.proofFormat) || (record.credentialJson == null && record.credentialJwt == null)) {
            checks.add(Checks.proofNotChecked());
        } else if (copy.isEmpty()) {
            checks.add(CheckResult.fail(Check.PROOF, "The registry's copy of the credential cannot be read"));
        } else {
            checks.addAll(proofs.check(copy.get()));
        }
        Verification verification = Verification.of(credentialId, checks, summary(record, copy));
        metrics.count(verification);
        return verification;
    }

    /** The credential as issued: the VC-JWT when there is one (it carries the signature), else the JSON-LD. */
    private static Optional<Presented> registryCopy(CredentialRecord record) {
        try {
            if (record.credentialJwt != null) {
                return Optional.of(Presented.jwt(CredentialJson.jwt(record.credentialJwt)));
            }
            if (record.credentialJson != null) {
                return Optional.of(Presented.jsonLd(CredentialJson.object(record.credentialJson)));
            }
        } catch (IllegalArgumentException e) {
            Log.warnf("The registry's copy of a credential issued by provider %s cannot be read: %s",
                    record.providerId, e.getMessage());
        }
        return Optional.empty();
    }

    private static Verification.Summary summary(CredentialRecord record, Optional<Presented> copy) {
        if (copy.isEmpty()) {
            return Verification.Summary.recorded(record.achievementId, record.providerId, record.issuedAt);
        }
        Verification.Summary read = Summaries.of(copy.get().credential(), record.providerId);
        return new Verification.Summary(record.achievementId, read.achievementName(), read.achievementNameFr(),
                read.description(), record.providerId, read.provider(), read.issuerId(), record.issuedAt,
                record.validUntil, read.skills(), read.occupations(), read.frameworkReport(), read.evidence(),
                read.results());
    }
}
