package ca.microcred.issuer.provider.service;

import ca.microcred.contracts.EventCodec;
import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.events.ProviderRegistered;
import ca.microcred.credentials.did.DidWeb;
import ca.microcred.issuer.config.IssuerConfig;
import ca.microcred.issuer.keys.ProviderKeys;
import ca.microcred.issuer.provider.Provider;
import ca.microcred.issuer.provider.ProviderDetails;
import ca.microcred.issuer.provider.ProviderKey;
import ca.microcred.issuer.provider.repository.ProviderRepository;
import ca.microcred.support.outbox.OutboxEntry;
import ca.microcred.support.outbox.OutboxRelay;
import ca.microcred.support.problem.ProblemException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Registers providers, keeps their details, and rotates their signing keys. */
@ApplicationScoped
public class ProviderService {

    static final String SOURCE = "/issuer-service";

    private final ProviderRepository repository;
    private final ProviderKeys keys;
    private final EventCodec codec;
    private final OutboxRelay relay;
    private final String publicBase;

    public ProviderService(ProviderRepository repository, ProviderKeys keys, EventCodec codec, OutboxRelay relay,
                           IssuerConfig config) {
        this.repository = repository;
        this.keys = keys;
        this.codec = codec;
        this.relay = relay;
        this.publicBase = config.publicBase();
    }

    /**
     * Creates the provider with its first key and, in the same document write, the ProviderRegistered event.
     *
     * @param requestedId the id to use, or null for a generated one
     * @throws ProblemException 409 when the id is taken
     */
    public Provider register(String requestedId, ProviderDetails details) {
        String id = requestedId != null ? requestedId : UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ProviderKey key = keys.newKey(id, now);
        Provider provider = new Provider(id, details.name(), details.url(), details.email(), details.province(),
                details.providerType(), details.includeLearnerName(), didFor(id), List.of(key), key.id(), now, now);
        ProviderRegistered registered = new ProviderRegistered(id, details.name(), details.url(), details.email(),
                details.province().name(), details.providerType().name(), provider.did(), now);
        EventEnvelope event = EventEnvelope.of(SOURCE, registered).withTime(now);
        if (!repository.insert(provider, OutboxEntry.of(event, codec))) {
            throw ProblemException.conflict("A provider with id '" + id + "' already exists");
        }
        relay.wakeUp();
        Log.infof("Registered provider %s as %s", id, provider.did());
        return provider;
    }

    public Provider get(String id) {
        return find(id).orElseThrow(() -> ProblemException.notFound("Provider", id));
    }

    public Optional<Provider> find(String id) {
        return repository.find(id);
    }

    public List<Provider> list(int offset, int limit) {
        return repository.list(offset, limit);
    }

    public Provider update(String id, ProviderDetails details) {
        return repository.updateDetails(id, details, Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .orElseThrow(() -> ProblemException.notFound("Provider", id));
    }

    /** Adds a new signing key; earlier keys stay in the DID document so earlier credentials still verify. */
    public Provider rotateKey(String id) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Provider rotated = repository.addActiveKey(id, keys.newKey(id, now), now)
                .orElseThrow(() -> ProblemException.notFound("Provider", id));
        Log.infof("Rotated the signing key of provider %s to %s", id, rotated.activeKeyId());
        return rotated;
    }

    /** did:web of a provider; it resolves to {@code <public base URL>/providers/<id>/did.json}. */
    public String didFor(String providerId) {
        return DidWeb.fromUrl(publicBase + "/providers/" + providerId);
    }

    /** The public base URL without a trailing slash, for links in responses and documents. */
    public String publicBase() {
        return publicBase;
    }
}
