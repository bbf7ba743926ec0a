package ca.microcred.registry.audit;

import com.mongodb.client.model.Filters;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Which entries to list or export; every criterion is optional.
 *
 * @param from inclusive lower bound of the entry time
 * @param to   exclusive upper bound of the entry time
 */
public record AuditQuery(String entityId, String providerId, Instant from, Instant to) {

    Bson filter() {
        List<Bson> parts = new ArrayList<>();
        if (entityId != null) {
            parts.add(Filters.eq("entityId", entityId));
        }
        if (providerId != null) {
            parts.add(Filters.eq("providerId", providerId));
        }
        if (from != null) {
            parts.add(Filters.gte("time", Date.from(from)));
        }
        if (to != null) {
            parts.add(Filters.lt("time", Date.from(to)));
        }
        return parts.isEmpty() ? new org.bson.Document() : Filters.and(parts);
    }
}
