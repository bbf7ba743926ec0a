package ca.microcred.verification.verify.service;

import ca.microcred.credentials.status.BitstringStatusListEntry;
import ca.microcred.credentials.status.StatusPurpose;
import ca.microcred.verification.status.PublishedStatusList;
import ca.microcred.verification.status.StatusListException;
import ca.microcred.verification.status.service.StatusLists;
import ca.microcred.verification.verify.Check;
import ca.microcred.verification.verify.CheckResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The status check of a credential not issued through this registry: each {@code BitstringStatusListEntry} of
 * purpose revocation or suspension is looked up in the list it names. A list that cannot be read fails the check:
 * a verifier that cannot tell whether a credential was revoked does not vouch for it (the answer says so, and a
 * later verification succeeds once the list is back).
 */
@ApplicationScoped
public class StatusListChecks {

    private final StatusLists lists;

    public StatusListChecks(StatusLists lists) {
        this.lists = lists;
    }

    /**
     * @param issuer the credential's issuer, who must also be the issuer of every list it points to
     */
    public CheckResult check(ObjectNode credential, String issuer) {
        JsonNode status = credential.get("credentialStatus");
        if (status == null || status.isNull()) {
            return CheckResult.pass(Check.STATUS, "Its issuer publishes no status for it: it cannot be revoked "
                    + "or suspended");
        }
        List<JsonNode> entries = new ArrayList<>();
        if (status.isArray()) {
            status.forEach(entries::add);
        } else {
            entries.add(status);
        }
        Set<String> checked = new LinkedHashSet<>();
        Set<String> unsupported = new LinkedHashSet<>();
        for (JsonNode entry : entries) {
            if (!DocumentChecks.contains(entry.path("type"), BitstringStatusListEntry.TYPE)) {
                unsupported.add(entry.path("type").isMissingNode() ? "(untyped)" : entry.path("type").toString());
                continue;
            }
            String purpose = entry.path("statusPurpose").asText("");
            if (!StatusPurpose.REVOCATION.value().equals(purpose) && !StatusPurpose.SUSPENSION.value().equals(purpose)) {
                // refresh or message entries say nothing about whether the credential still stands
                continue;
            }
            CheckResult failure = checkEntry(entry, StatusPurpose.of(purpose), issuer);
            if (failure != null) {
                return failure;
            }
            checked.add(purpose + " list " + entry.path("statusListCredential").asText());
        }
        if (!unsupported.isEmpty()) {
            return CheckResult.warn(Check.STATUS, (checked.isEmpty() ? "" : "Not revoked or suspended according to "
                    + "the issuer's " + String.join(" and ", checked) + "; ") + "status of type "
                    + String.join(", ", unsupported) + " is not checked: only BitstringStatusListEntry is read");
        }
        if (checked.isEmpty()) {
            return CheckResult.pass(Check.STATUS, "Its issuer publishes no revocation or suspension status for it");
        }
        return CheckResult.pass(Check.STATUS, "Not revoked or suspended according to the issuer's "
                + String.join(" and ", checked));
    }

    /** @return the failed check, or null when the entry's bit is clear */
    private CheckResult checkEntry(JsonNode entry, StatusPurpose purpose, String issuer) {
        JsonNode url = entry.path("statusListCredential");
        JsonNode indexNode = entry.path("statusListIndex");
        int index;
        if (indexNode.isTextual() && indexNode.asText().matches("\\d{1,10}")) {
            long value = Long.parseLong(indexNode.asText());
            index = value > Integer.MAX_VALUE ? -1 : (int) value;
        } else if (indexNode.isIntegralNumber() && indexNode.canConvertToInt()) {
            index = indexNode.asInt();
        } else {
            index = -1;
        }
        if (!url.isTextual() || url.asText().isBlank() || index < 0) {
            return CheckResult.fail(Check.STATUS, "The credential's " + purpose.value() + " status entry needs a "
                    + "statusListCredential URL and a non-negative statusListIndex");
        }
        PublishedStatusList list;
        try {
            list = lists.get(url.asText());
        } catch (StatusListException e) {
            return CheckResult.fail(Check.STATUS, "Whether the credential was "
                    + (purpose == StatusPurpose.REVOCATION ? "revoked" : "suspended") + " cannot be checked: "
                    + e.getMessage());
        }
        if (issuer == null || !issuer.equals(list.issuer())) {
            return CheckResult.fail(Check.STATUS, "The status list " + list.url() + " is issued by " + list.issuer()
                    + ", not by the credential's issuer " + issuer);
        }
        if (list.list().purpose() != purpose) {
            return CheckResult.fail(Check.STATUS, "The status list " + list.url() + " is a "
                    + list.list().purpose().value() + " list, not the " + purpose.value() + " list the entry names");
        }
        if (index >= list.list().size()) {
            return CheckResult.fail(Check.STATUS, "statusListIndex " + index + " lies outside the status list "
                    + list.url() + " of " + list.list().size() + " entries");
        }
        if (list.list().get(index)) {
            return CheckResult.fail(Check.STATUS, (purpose == StatusPurpose.REVOCATION ? "Revoked" : "Suspended")
                    + " by its issuer: entry " + index + " of the " + purpose.value() + " list " + list.url()
                    + " is set");
        }
        return null;
    }
}
