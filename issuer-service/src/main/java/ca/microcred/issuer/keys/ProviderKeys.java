package ca.microcred.issuer.keys;

import ca.microcred.credentials.did.DidDocumentBuilder;
import ca.microcred.credentials.did.DidWeb;
import ca.microcred.credentials.keys.Ed25519KeyPair;
import ca.microcred.credentials.keys.Ed25519PublicKey;
import ca.microcred.issuer.config.IssuerConfig;
import ca.microcred.issuer.provider.Provider;
import ca.microcred.issuer.provider.ProviderKey;
import ca.microcred.issuer.provider.repository.ProviderRepository;
import ca.microcred.support.problem.ProblemException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Provider signing keys: creation, encryption at rest under the configured master key, the decrypted signing
 * key for the code that issues credentials, and the DID document that publishes the public keys.
 */
@ApplicationScoped
public class ProviderKeys {

    static final String MASTER_KEY_PROPERTY = "microcred.issuer.master-key";

    private final ProviderRepository providers;
    private final Optional<String> configuredMasterKey;
    private final SecureRandom random = new SecureRandom();
    private volatile MasterKey masterKey;

    @Inject
    public ProviderKeys(ProviderRepository providers, IssuerConfig config) {
        this(providers, config.masterKey());
    }

    ProviderKeys(ProviderRepository providers, Optional<String> configuredMasterKey) {
        this.providers = providers;
        this.configuredMasterKey = configuredMasterKey;
    }

    /**
     * Refuses to start without a usable master key rather than failing at the first registration; runs before
     * other start-up work so a missing key is the error an operator sees.
     */
    void checkMasterKey(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start) {
        masterKey();
    }

    /** A new Ed25519 key for the provider, its private part already encrypted. */
    public ProviderKey newKey(String providerId, Instant now) {
        Ed25519KeyPair pair = Ed25519KeyPair.generate(random);
        String keyId = "key-" + HexFormat.of().formatHex(randomBytes(6));
        byte[] seed = pair.seed();
        try {
            return new ProviderKey(keyId, pair.publicKey().multikey(),
                    masterKey().encrypt(seed, context(providerId, keyId)), now);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /**
     * The key that signs the provider's new credentials. Reads and decrypts on every call, so a caller that
     * signs many credentials asks once per batch.
     *
     * @throws ProblemException 404 when the provider does not exist
     */
    public SigningKey signingKey(String providerId) {
        Provider provider = providers.find(providerId)
                .orElseThrow(() -> ProblemException.notFound("Provider", providerId));
        ProviderKey key = provider.activeKey();
        byte[] seed = masterKey().decrypt(key.encryptedPrivateKey(), context(providerId, key.id()));
        Ed25519KeyPair pair;
        try {
            pair = Ed25519KeyPair.fromSeed(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
        if (!pair.publicKey().multikey().equals(key.publicKeyMultibase())) {
            throw new IllegalStateException("stored private key of " + provider.verificationMethod(key)
                    + " does not match its published public key");
        }
        return new SigningKey(providerId, provider.did(), provider.verificationMethod(key), pair);
    }

    /**
     * The provider's W3C DID document: the signing key, and every earlier key as an assertion method so
     * credentials signed before a rotation still verify.
     */
    public static ObjectNode didDocument(Provider provider) {
        DidDocumentBuilder document = DidWeb.document(provider.did());
        for (ProviderKey key : provider.keys()) {
            Ed25519PublicKey publicKey = Ed25519PublicKey.fromMultikey(key.publicKeyMultibase());
            if (key.id().equals(provider.activeKeyId())) {
                document.activeKey(key.id(), publicKey);
            } else {
                document.retiredKey(key.id(), publicKey);
            }
        }
        return document.build();
    }

    private MasterKey masterKey() {
        MasterKey key = masterKey;
        if (key == null) {
            String configured = configuredMasterKey.filter(v -> !v.isBlank()).orElseThrow(() -> new IllegalStateException(
                    MASTER_KEY_PROPERTY + " is not set: provider private keys are encrypted under it. Set "
                            + "MICROCRED_ISSUER_MASTER_KEY to the base64 encoding of 32 random bytes "
                            + "(e.g. `openssl rand -base64 32`) and keep it secret; changing it makes stored keys unreadable."));
            key = MasterKey.fromBase64(configured);
            masterKey = key;
        }
        return key;
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String context(String providerId, String keyId) {
        return providerId + "#" + keyId;
    }
}
