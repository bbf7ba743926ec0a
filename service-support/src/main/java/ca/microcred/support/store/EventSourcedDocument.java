package ca.microcred.support.store;

import org.bson.codecs.pojo.annotations.BsonId;

import java.util.ArrayList;
import java.util.List;

/**
 * A document a consumer builds from events (a read model, a registry record). It lists the ids of the events it
 * already reflects, so a redelivered event changes nothing, and carries a version that every write increments, so
 * two consumers racing on the same document never overwrite each other. Both live in the same document as the state
 * they guard: one single-document write records the change and its event together.
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
