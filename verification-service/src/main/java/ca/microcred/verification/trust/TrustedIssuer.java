package ca.microcred.verification.trust;

import ca.microcred.contracts.events.ProviderAccreditationChanged;
import ca.microcred.support.store.EventSourcedDocument;
import io.quarkus.mongodb.panache.common.MongoEntity;

import java.time.Instant;

/**
 * One provider on the trust list: the national registry's latest accreditation decision about it, from
 * registry.events. The document id is the provider id.
 */
@MongoEntity(collection = "trust_list")
public class TrustedIssuer extends EventSourcedDocument {

    /** The provider's DID, which will resolve the keys its credentials are signed with. */
    public String did;
    public ProviderAccreditationChanged.State state;
    public String reason;
    public Instant decidedAt;

    /**
     * Applies a decision unless a later one is already known: decisions may arrive out of order after a replay,
     * and the registry's latest word must stand. Of two decisions with the same time, the one that arrived last
     * wins.
     */
    public void applyDecision(ProviderAccreditationChanged event) {
        if (decidedAt != null && event.decidedAt().isBefore(decidedAt)) {
            return;
        }
        state = event.state();
        reason = event.reason();
        decidedAt = event.decidedAt();
        if (event.providerDid() != null) {
            did = event.providerDid();
        }
    }
}
