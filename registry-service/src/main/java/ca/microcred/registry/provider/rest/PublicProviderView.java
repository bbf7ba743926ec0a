package ca.microcred.registry.provider.rest;

import ca.microcred.contracts.events.LocalizedText;
import ca.microcred.contracts.events.ProviderAccreditationChanged.State;
import ca.microcred.registry.provider.Provider;

/** What anyone may know about a provider. */
public record PublicProviderView(String id, LocalizedText name, String province, String providerType, String url,
                                 State accreditation) {

    static PublicProviderView of(Provider p) {
        return new PublicProviderView(p.id(), p.name(), p.province(), p.providerType(), p.url(), p.state());
    }
}
