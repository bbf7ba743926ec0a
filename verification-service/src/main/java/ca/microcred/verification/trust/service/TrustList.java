package ca.microcred.verification.trust.service;

import ca.microcred.contracts.events.ProviderAccreditationChanged;
import ca.microcred.verification.trust.TrustedIssuer;
import ca.microcred.verification.trust.repository.TrustListRepository;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** The national registry's accreditation decisions, one entry per provider. */
@ApplicationScoped
public class TrustList {

    private final TrustListRepository entries;

    public TrustList(TrustListRepository entries) {
        this.entries = entries;
    }

    public void accreditationChanged(String eventId, ProviderAccreditationChanged event) {
        boolean applied = entries.applyOnce(event.providerId(), eventId, entry -> entry.applyDecision(event));
        if (applied) {
            Log.infof("Recorded accreditation decision %s for provider %s (event %s)", event.state(), event.providerId(), eventId);
        } else {
            Log.debugf("Ignored redelivered accreditation event %s", eventId);
        }
    }

    /** The provider's entry, or empty when the registry never decided on it. */
    public Optional<TrustedIssuer> find(String providerId) {
        return providerId == null ? Optional.empty() : entries.findByIdOptional(providerId);
    }

    /** The entry of the provider that issues under this DID, or empty when no provider uses it. */
    public Optional<TrustedIssuer> findByDid(String did) {
        return did == null ? Optional.empty() : entries.find("did", did).firstResultOptional();
    }
}
