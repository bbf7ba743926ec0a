package ca.microcred.verification.verify.service;

import ca.microcred.verification.credential.CredentialRecord;
import ca.microcred.verification.credential.CredentialStatus;
import ca.microcred.verification.trust.TrustedIssuer;
import ca.microcred.verification.verify.Check;
import ca.microcred.verification.verify.CheckResult;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The individual checks: pure functions of what the read models know, so each can be tested on its own. */
final class Checks {

    static final String PROOF_NOT_CHECKED = "Issued unsigned: the registry's copy carries no proof to check";

    private Checks() {
    }

    static CheckResult issued(CredentialRecord record) {
        return CheckResult.pass(Check.ISSUED, "Issued on " + record.issuedAt
                + " and recorded in the registry of issued credentials");
    }

    static CheckResult status(CredentialRecord record) {
        CredentialStatus status = record.status == null ? CredentialStatus.ACTIVE : record.status;
        return switch (status) {
            case REVOKED -> CheckResult.fail(Check.STATUS, "Revoked" + since(record) + because(record));
            case SUSPENDED -> CheckResult.fail(Check.STATUS, "Suspended" + since(record) + because(record));
            case ACTIVE -> CheckResult.pass(Check.STATUS, record.statusChangedAt == null
                    ? "Not revoked or suspended"
                    : "Not revoked or suspended; reinstated on " + record.statusChangedAt + because(record));
        };
    }

    /**
     * @param skew how much clock difference to forgive at either end of the window
     */
    static CheckResult validity(CredentialRecord record, Instant now, Duration skew) {
        Instant from = record.validFrom != null ? record.validFrom : record.issuedAt;
        return DocumentChecks.validity(from, record.validUntil, now, skew);
    }

    static CheckResult issuerAccreditation(String providerId, Optional<TrustedIssuer> entry) {
        if (entry.isEmpty() || entry.get().state == null) {
            return CheckResult.warn(Check.ISSUER_ACCREDITATION, "Provider " + providerId
                    + " is not on the national registry's trust list");
        }
        TrustedIssuer issuer = entry.get();
        String because = issuer.reason == null || issuer.reason.isBlank() ? "" : ": " + issuer.reason;
        return switch (issuer.state) {
            case ACCREDITED -> CheckResult.pass(Check.ISSUER_ACCREDITATION, "Provider " + providerId
                    + " is accredited in the national registry");
            case PENDING -> CheckResult.warn(Check.ISSUER_ACCREDITATION, "Provider " + providerId
                    + " is awaiting accreditation in the national registry");
            case SUSPENDED -> CheckResult.fail(Check.ISSUER_ACCREDITATION, "Provider " + providerId
                    + "'s accreditation is suspended in the national registry" + because);
            case WITHDRAWN -> CheckResult.fail(Check.ISSUER_ACCREDITATION, "Provider " + providerId
                    + "'s accreditation was withdrawn by the national registry" + because);
        };
    }

    /** A credential issued without a proof; the answer says so rather than pretend. */
    static CheckResult proofNotChecked() {
        return CheckResult.warn(Check.PROOF, PROOF_NOT_CHECKED);
    }

    private static String since(CredentialRecord record) {
        return record.statusChangedAt == null ? "" : " on " + record.statusChangedAt;
    }

    private static String because(CredentialRecord record) {
        return record.statusReason == null || record.statusReason.isBlank() ? "" : ": " + record.statusReason;
    }
}
