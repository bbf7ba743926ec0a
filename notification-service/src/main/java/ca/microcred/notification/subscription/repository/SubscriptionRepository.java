package ca.microcred.notification.subscription.repository;

import ca.microcred.notification.subscription.Subscription;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class SubscriptionRepository implements PanacheMongoRepositoryBase<Subscription, String> {

    void createIndexes(@Observes StartupEvent start) {
        mongoCollection().createIndex(Indexes.ascending(Subscription.MATCH_KEYS));
        mongoCollection().createIndex(Indexes.ascending(Subscription.EMPLOYER_ID, Subscription.CREATED_AT));
    }

    /** Subscriptions indexed under any of these keys, through the multikey index on {@code matchKeys}. */
    public List<Subscription> findCandidates(List<String> matchKeys) {
        if (matchKeys.isEmpty()) {
            return List.of();
        }
        return mongoCollection().find(Filters.in(Subscription.MATCH_KEYS, matchKeys)).into(new ArrayList<>());
    }

    /** One single-document update. */
    public void updateOne(Bson filter, Bson update) {
        mongoCollection().updateOne(filter, update);
    }

    /** Subscriptions oldest first; {@code employerId} empty lists every employer's. */
    public List<Subscription> list(Optional<String> employerId, int offset, int limit) {
        Bson filter = employerId.map(id -> Filters.eq(Subscription.EMPLOYER_ID, id)).orElse(Filters.empty());
        return mongoCollection().find(filter)
                .sort(Sorts.ascending(Subscription.CREATED_AT, "_id"))
                .skip(offset)
                .limit(limit)
                .into(new ArrayList<>());
    }
}
