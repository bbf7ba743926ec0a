package ca.microcred.registry.provider.rest;

import ca.microcred.contracts.events.LocalizedText;
import ca.microcred.contracts.events.ProviderAccreditationChanged.State;
import ca.microcred.registry.provider.Provider;

import java.time.Instant;
import java.util.List;

/**
 * A provider's full registry record for operators, with every accreditation decision, oldest first.
 *
 * @param stateReason the reason given with the current state's decision
 */
public record ProviderView(String id, LocalizedText name, String url, String email, String province,
                           String providerType, String did, Instant registeredAt, State accreditation,
                           String stateReason, Instant decidedAt, List<Provider.Decision> history) {

    static ProviderView of(Provider p) {
        return new ProviderView(p.id(), p.name(), p.url(), p.email(), p.province(), p.providerType(), p.did(),
                p.registeredAt(), p.state(), p.stateReason(), p.decidedAt(), p.history());
    }
}
