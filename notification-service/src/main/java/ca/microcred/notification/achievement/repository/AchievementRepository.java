package ca.microcred.notification.achievement.repository;

import ca.microcred.notification.achievement.Achievement;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class AchievementRepository implements PanacheMongoRepositoryBase<Achievement, String> {

    /**
     * Stores the achievement unless a version published at the same time or later is already held, in one
     * conditional upsert: a replayed or out-of-order event changes nothing, even with two instances consuming.
     *
     * @return whether the stored version changed
     */
    public boolean storeIfNewer(Achievement achievement) {
        try {
            mongoCollection().replaceOne(
                    Filters.and(Filters.eq("_id", achievement.id),
                            Filters.lt(Achievement.PUBLISHED_AT, achievement.publishedAt)),
                    achievement, new ReplaceOptions().upsert(true));
            return true;
        } catch (MongoWriteException e) {
            // the upsert tried to insert because the held version is not older: keep that one
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }
}
