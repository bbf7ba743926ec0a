package ca.microcred.issuer.revocation.service;

import ca.microcred.credentials.status.BitstringStatusListEntry;
import ca.microcred.credentials.status.StatusPurpose;
import ca.microcred.issuer.config.IssuerConfig;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;

/**
 * Where a provider's status lists are published, and the {@code credentialStatus} a credential carries: one
 * BitstringStatusListEntry per purpose, both at the credential's one index, since every credential of the
 * provider has a place in both lists.
 */
// a singleton (no client proxy): credentials are signed on pool threads outside any CDI context
@Singleton
public class StatusEntries {

    private final IssuerConfig config;

    public StatusEntries(IssuerConfig config) {
        this.config = config;
    }

    /** The public URL of the provider's list, which is also the list credential's {@code id}. */
    public String listUrl(String providerId, StatusPurpose purpose) {
        return config.publicBase() + "/providers/" + providerId + "/status-lists/" + purpose.value();
    }

    /** The {@code credentialStatus} value: the revocation entry, then the suspension entry. */
    public ArrayNode credentialStatus(String providerId, int index) {
        ArrayNode entries = JsonNodeFactory.instance.arrayNode();
        for (StatusPurpose purpose : StatusPurpose.values()) {
            BitstringStatusListEntry entry = BitstringStatusListEntry.of(listUrl(providerId, purpose), purpose, index);
            ObjectNode node = entries.addObject();
            node.put("id", entry.id());
            node.put("type", entry.type());
            node.put("statusPurpose", entry.statusPurpose());
            node.put("statusListIndex", entry.statusListIndex());
            node.put("statusListCredential", entry.statusListCredential());
        }
        return entries;
    }
}
