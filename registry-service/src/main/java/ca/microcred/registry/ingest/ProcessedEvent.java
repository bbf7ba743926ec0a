package ca.microcred.registry.ingest;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;

/** One event this service has fully processed, keyed by its CloudEvents id. */
@MongoEntity(collection = "processed_events")
public class ProcessedEvent {

    @BsonId
    public String eventId;
    public String type;
    public String subject;
    public String source;
    public Instant processedAt;
}
