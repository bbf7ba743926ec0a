package ca.microcred.verification.trust.repository;

import ca.microcred.support.store.EventSourcedWrites;
import ca.microcred.verification.trust.TrustedIssuer;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Consumer;

@ApplicationScoped
public class TrustListRepository implements PanacheMongoRepositoryBase<TrustedIssuer, String> {

    /** @return false when the entry already reflected the event (a redelivery) */
    public boolean applyOnce(String providerId, String eventId, Consumer<TrustedIssuer> change) {
        return EventSourcedWrites.applyOnce(mongoCollection(), providerId, eventId, TrustedIssuer::new, change);
    }
}
