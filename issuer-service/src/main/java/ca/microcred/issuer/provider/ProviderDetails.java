package ca.microcred.issuer.provider;

import ca.microcred.contracts.events.LocalizedText;
import ca.microcred.contracts.events.Province;

/** The part of a provider its administrators edit; validated before it reaches the service. */
public record ProviderDetails(
        LocalizedText name,
        String url,
        String email,
        Province province,
        ProviderType providerType,
        boolean includeLearnerName) {
}
