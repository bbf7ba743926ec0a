package ca.microcred.issuer.revocation.service;

import ca.microcred.credentials.proof.DataIntegrityProofs;
import ca.microcred.credentials.status.StatusList;
import ca.microcred.credentials.status.StatusListCredentials;
import ca.microcred.credentials.status.StatusPurpose;
import ca.microcred.issuer.config.IssuerConfig;
import ca.microcred.issuer.keys.ProviderKeys;
import ca.microcred.issuer.keys.SigningKey;
import ca.microcred.issuer.provider.Provider;
import ca.microcred.issuer.provider.service.ProviderService;
import ca.microcred.issuer.revocation.CredentialState;
import ca.microcred.issuer.revocation.repository.CredentialStatusRepository;
import ca.microcred.support.problem.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A provider's signed BitstringStatusListCredential per purpose.
 *
 * <p>
 * The bits are computed on every read from the statuses stored in the credential documents (an indexed query
 * returning only the provider's revoked, or suspended, credentials), because those documents are the one place
 * a status change is written, together with its event: a separately stored list would need a second write that
 * a crash could lose, and the list would then disagree with the status and the event. Signing is the costly
 * part, so the signed document is cached and reused while the list's content and the provider's active key
 * are unchanged (the cache is keyed by that list version); any revoke, suspend or reinstate changes the content
 * and the next read signs afresh. A key rotation likewise re-signs with the new key.
 */
@ApplicationScoped
public class StatusListService {

    private final ProviderService providers;
    private final ProviderKeys keys;
    private final CredentialStatusRepository statuses;
    private final StatusIndexes indexes;
    private final StatusEntries entries;
    private final IssuerConfig config;
    private final ObjectMapper mapper;
    private final Map<String, SignedList> signed = new ConcurrentHashMap<>();

    /**
     * A signed list credential ready to serve.
     *
     * @param json the credential as served
     * @param etag strong validator of {@code json}
     */
    public record SignedList(String json, String etag, String activeKeyId, String encodedList) {
    }

    public StatusListService(ProviderService providers, ProviderKeys keys, CredentialStatusRepository statuses,
                             StatusIndexes indexes, StatusEntries entries, IssuerConfig config, ObjectMapper mapper) {
        this.providers = providers;
        this.keys = keys;
        this.statuses = statuses;
        this.indexes = indexes;
        this.entries = entries;
        this.config = config;
        this.mapper = mapper;
    }

    /**
     * @param purpose {@code revocation} or {@code suspension}
     * @throws ProblemException 404 for an unknown provider or purpose
     */
    public SignedList list(String providerId, String purpose) {
        StatusPurpose statusPurpose = purposeOf(purpose);
        Provider provider = providers.find(providerId)
                .orElseThrow(() -> ProblemException.notFound("Provider", providerId));
        List<Integer> set = statuses.indexesIn(providerId,
                statusPurpose == StatusPurpose.REVOCATION ? CredentialState.REVOKED : CredentialState.SUSPENDED);
        // read after the indexes: lists only grow, so every index read above fits in this size
        StatusList list = StatusList.create(statusPurpose, indexes.listSize(providerId));
        set.forEach(list::set);
        String encoded = list.encode();
        String cacheKey = providerId + "/" + statusPurpose.value();
        SignedList cached = signed.get(cacheKey);
        if (cached != null && cached.encodedList().equals(encoded)
                && cached.activeKeyId().equals(provider.activeKeyId())) {
            return cached;
        }
        SignedList fresh = sign(provider, list, encoded);
        signed.put(cacheKey, fresh);
        return fresh;
    }

    private SignedList sign(Provider provider, StatusList list, String encoded) {
        SigningKey key = keys.signingKey(provider.id());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ObjectNode credential = StatusListCredentials.build(entries.listUrl(provider.id(), list.purpose()),
                key.issuerDid(), list, now);
        ((ObjectNode) credential.get("credentialSubject")).put("ttl", config.statusListTtl().toMillis());
        ObjectNode document = DataIntegrityProofs.sign(credential, key.keyPair(), key.verificationMethod(), now);
        try {
            String json = mapper.writeValueAsString(document);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            return new SignedList(json, HexFormat.of().formatHex(digest, 0, 16), provider.activeKeyId(), encoded);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Could not serialise the status list of " + provider.id(), e);
        }
    }

    private static StatusPurpose purposeOf(String purpose) {
        try {
            return StatusPurpose.of(purpose);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(404, "Not Found", "Status list '" + purpose
                    + "' does not exist; a provider publishes 'revocation' and 'suspension'");
        }
    }
}
