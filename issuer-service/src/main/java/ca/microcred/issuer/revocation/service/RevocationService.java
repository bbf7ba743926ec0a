package ca.microcred.issuer.revocation.service;

import ca.microcred.issuer.revocation.CredentialState;
import ca.microcred.issuer.revocation.CredentialStatus;
import ca.microcred.issuer.revocation.StatusChange;
import ca.microcred.issuer.revocation.messaging.RevocationEvents;
import ca.microcred.issuer.revocation.repository.CredentialStatusRepository;
import ca.microcred.support.outbox.OutboxEntry;
import ca.microcred.support.outbox.OutboxRelay;
import ca.microcred.support.problem.ProblemException;
import ca.microcred.support.security.Caller;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Revokes, suspends and reinstates credentials. The new status and the CredentialRevoked event are written in
 * one update of the credential's document; the provider's status lists are derived from the stored statuses,
 * so they show the change as soon as that update is done.
 */
@ApplicationScoped
public class RevocationService {

    private final CredentialStatusRepository statuses;
    private final RevocationEvents events;
    private final OutboxRelay relay;
    private final Caller caller;
    private final Map<StatusChange, Counter> changed = new EnumMap<>(StatusChange.class);

    public RevocationService(CredentialStatusRepository statuses, RevocationEvents events, OutboxRelay relay,
                             Caller caller, MeterRegistry metrics) {
        this.statuses = statuses;
        this.events = events;
        this.relay = relay;
        this.caller = caller;
        for (StatusChange change : StatusChange.values()) {
            changed.put(change, Counter.builder("microcred.issuer.credentials.status.changes")
                    .description("Credential status changes by action (revoked, suspended, reinstated)")
                    .tag("action", change.action().name().toLowerCase(Locale.ROOT))
                    .register(metrics));
        }
    }

    void start(@Observes StartupEvent event) {
        statuses.createIndexes();
    }

    /**
     * @throws ProblemException 404 unknown credential; 403 a provider token of another provider; 409 the change
     *                          is not allowed from the credential's current status
     */
    public CredentialStatus change(String credentialId, StatusChange change, String reason) {
        CredentialStatus current = get(credentialId);
        caller.requireProvider(current.providerId());
        if (!change.allowedFrom(current.state())) {
            throw ProblemException.conflict(change.refusal(credentialId, current.state()));
        }
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        OutboxEntry event = events.credentialRevoked(credentialId, current.providerId(), change.action(), reason, at);
        if (!statuses.change(credentialId, change.from(), change.to(), reason, at, change.action().name(),
                caller.actor(), event)) {
            // another change got in between the read and the conditional update
            CredentialState now = get(credentialId).state();
            throw ProblemException.conflict(change.allowedFrom(now)
                    ? "Credential '" + credentialId + "' changed status meanwhile; try again"
                    : change.refusal(credentialId, now));
        }
        changed.get(change).increment();
        wakeRelay();
        Log.infof("Credential %s of provider %s: %s by %s", credentialId, current.providerId(), change.action(),
                caller.actor());
        return new CredentialStatus(credentialId, current.providerId(), change.to(), reason, at,
                current.statusIndex());
    }

    /** @throws ProblemException 404 when no credential has this id */
    public CredentialStatus get(String credentialId) {
        return statuses.find(credentialId).orElseThrow(() -> ProblemException.notFound("Credential", credentialId));
    }

    /** Only a nudge: the relay's own polling publishes the stored event whatever happens here. */
    private void wakeRelay() {
        try {
            relay.wakeUp();
        } catch (RuntimeException e) {
            Log.debugf(e, "Outbox relay not woken; its next poll publishes the event");
        }
    }
}
