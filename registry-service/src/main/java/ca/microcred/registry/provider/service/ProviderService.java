package ca.microcred.registry.provider.service;

import ca.microcred.contracts.EventCodec;
import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.events.ProviderAccreditationChanged;
import ca.microcred.contracts.events.ProviderAccreditationChanged.State;
import ca.microcred.contracts.events.ProviderRegistered;
import ca.microcred.registry.audit.AuditTrail;
import ca.microcred.registry.provider.Provider;
import ca.microcred.registry.provider.ProviderChanged;
import ca.microcred.registry.provider.repository.ProviderRepository;
import ca.microcred.support.outbox.OutboxEntry;
import ca.microcred.support.outbox.OutboxRelay;
import ca.microcred.support.problem.ProblemException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** Providers as learned from their registrations, and the registry's accreditation decisions about them. */
@ApplicationScoped
public class ProviderService {

    /** CloudEvents source of the events this service publishes. */
    public static final String SOURCE = "/registry-service";
    public static final String ENTITY_TYPE = "provider";

    private static final int ATTEMPTS = 10;

    private final ProviderRepository providers;
    private final AuditTrail audit;
    private final EventCodec codec;
    private final OutboxRelay relay;
    private final Event<ProviderChanged> changed;

    public ProviderService(ProviderRepository providers, AuditTrail audit, EventCodec codec, OutboxRelay relay,
                           Event<ProviderChanged> changed) {
        this.providers = providers;
        this.audit = audit;
        this.codec = codec;
        this.relay = relay;
        this.changed = changed;
    }

    /** Idempotent: a redelivered registration changes nothing, yet completes an audit entry a crash left out. */
    public void registered(String eventId, ProviderRegistered event) {
        boolean applied = providers.applyRegistration(eventId, event);
        Provider provider = providers.find(event.providerId()).orElseThrow();
        if (applied || !audit.recorded(eventId, provider.id())) {
            audit.append(eventId, ENTITY_TYPE, provider.id(), provider.id(), provider);
        }
        changed.fire(new ProviderChanged(provider));
        if (applied) {
            Log.debugf("Registered provider %s (event %s)", provider.id(), eventId);
        } else {
            Log.debugf("Ignored redelivered registration %s", eventId);
        }
    }

    /**
     * Records an operator's accreditation decision and announces it on registry.events through the outbox.
     *
     * @throws ProblemException 404 for an unknown provider, 409 when the provider already is in that state
     */
    public Provider decide(String providerId, State decision, String reason, String operator) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Provider current = providers.find(providerId)
                    .orElseThrow(() -> ProblemException.notFound("Provider", providerId));
            if (current.state() == decision) {
                throw ProblemException.conflict("Provider '" + providerId + "' already is " + decision);
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            EventEnvelope announcement = EventEnvelope.of(SOURCE, new ProviderAccreditationChanged(providerId,
                    current.did(), current.state(), decision, reason, operator, now)).withTime(now);
            Provider.Decision recorded = new Provider.Decision(current.state(), decision, reason, operator, now,
                    announcement.id());
            if (providers.applyDecision(providerId, current.version(), recorded,
                    OutboxEntry.of(announcement, codec))) {
                Provider updated = providers.find(providerId).orElseThrow();
                audit.append(operator, ENTITY_TYPE, providerId, providerId, updated);
                changed.fire(new ProviderChanged(updated));
                relay.wakeUp();
                Log.infof("Provider %s: %s -> %s by %s", providerId, current.state(), decision, operator);
                return updated;
            }
        }
        throw ProblemException.conflict("Provider '" + providerId + "' is being changed by someone else; try again");
    }

    public Optional<Provider> find(String providerId) {
        return providers.find(providerId);
    }

    public List<Provider> list(State state, int page, int size) {
        return providers.list(state, page, size);
    }

    public long count(State state) {
        return providers.count(state);
    }
}
