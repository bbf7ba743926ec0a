package ca.microcred.registry.ingest;

import org.bson.codecs.pojo.annotations.BsonId;

import java.util.ArrayList;
import java.util.List;

/**
 * A registry document built from events. It lists the ids of the events it already reflects, so a redelivered
 * event changes nothing even when the process stopped before the event reached {@code processed_events}, and it
 * carries a version that every write compares and increments, so two writers never overwrite each other. Both
 * live in the same document as the state they guard: one single-document write records the change and its event.
 */
public abstract class EventSourcedDocument {

    @BsonId
    public String id;

    public long version;

    public List<String> appliedEventIds = new ArrayList<>();

    /** True when the event with this id has already been applied to this document. */
    public boolean reflects(String eventId) {
        return appliedEventIds != null && appliedEventIds.contains(eventId);
    }
}
