package ca.microcred.issuer.provider;

import ca.microcred.contracts.events.LocalizedText;
import ca.microcred.contracts.events.Province;

import java.time.Instant;
import java.util.List;

/**
 * An organisation that issues micro-credentials, with its did:web identity and signing keys.
 *
 * @param includeLearnerName whether credentials issued by this provider carry the learner's name next to the
 *                           hashed email
 * @param activeKeyId        the key that signs new credentials
 */
public record Provider(
        String id,
        LocalizedText name,
        String url,
        String email,
        Province province,
        ProviderType providerType,
        boolean includeLearnerName,
        String did,
        List<ProviderKey> keys,
        String activeKeyId,
        Instant createdAt,
        Instant updatedAt) {

    public ProviderKey activeKey() {
        return keys.stream().filter(k -> k.id().equals(activeKeyId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("provider " + id + " has no active key " + activeKeyId));
    }

    /** The DID URL of a key, as credentials name it in {@code proof.verificationMethod}. */
    public String verificationMethod(ProviderKey key) {
        return did + "#" + key.id();
    }
}
