package ca.microcred.issuer.provider.rest;

import ca.microcred.contracts.events.LocalizedText;
import ca.microcred.issuer.provider.Provider;

import java.time.Instant;
import java.util.List;

/** A provider as the API shows it: details, identity and public keys, never private key material. */
public record ProviderView(
        String id,
        LocalizedText name,
        String url,
        String email,
        String province,
        String providerType,
        boolean includeLearnerName,
        String did,
        String didDocumentUrl,
        List<KeyView> keys,
        Instant createdAt,
        Instant updatedAt) {

    /** @param active whether this key signs new credentials */
    public record KeyView(String id, String verificationMethod, String publicKeyMultibase, Instant createdAt,
                          boolean active) {
    }

    static ProviderView of(Provider p, String publicBase) {
        List<KeyView> keys = p.keys().stream()
                .map(k -> new KeyView(k.id(), p.verificationMethod(k), k.publicKeyMultibase(), k.createdAt(),
                        k.id().equals(p.activeKeyId())))
                .toList();
        return new ProviderView(p.id(), p.name(), p.url(), p.email(), p.province().name(), p.providerType().name(),
                p.includeLearnerName(), p.did(), publicBase + "/providers/" + p.id() + "/did.json", keys,
                p.createdAt(), p.updatedAt());
    }
}
