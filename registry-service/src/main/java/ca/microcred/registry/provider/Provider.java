package ca.microcred.registry.provider;

import ca.microcred.contracts.events.LocalizedText;
import ca.microcred.contracts.events.ProviderAccreditationChanged.State;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * A provider as the registry knows it: the profile from its registration event and the registry's own
 * accreditation decisions, newest last in {@code history}.
 *
 * @param version increases with every change; copies of the provider elsewhere (catalogue entries) keep the
 *                version they reflect, so an older copy never overwrites a newer one
 */
public record Provider(String id, LocalizedText name, String url, String email, String province,
                       String providerType, String did, Instant registeredAt, State state, String stateReason,
                       Instant decidedAt, List<Decision> history, long version) {

    /** One accreditation decision. */
    public record Decision(State previousState, State state, String reason, String decidedBy, Instant decidedAt,
                           String eventId) {

        public Document toDocument() {
            return new Document("previousState", previousState.name()).append("state", state.name())
                    .append("reason", reason).append("decidedBy", decidedBy)
                    .append("decidedAt", Date.from(decidedAt)).append("eventId", eventId);
        }

        static Decision fromDocument(Document d) {
            return new Decision(State.valueOf(d.getString("previousState")), State.valueOf(d.getString("state")),
                    d.getString("reason"), d.getString("decidedBy"), instant(d, "decidedAt"), d.getString("eventId"));
        }
    }

    public static Provider fromDocument(Document d) {
        Document name = d.get("name", Document.class);
        String state = d.getString("state");
        return new Provider(d.getString("_id"),
                name == null ? null : new LocalizedText(name.getString("en"), name.getString("fr")),
                d.getString("url"), d.getString("email"), d.getString("province"), d.getString("providerType"),
                d.getString("did"), instant(d, "registeredAt"), state == null ? State.PENDING : State.valueOf(state),
                d.getString("stateReason"), instant(d, "decidedAt"),
                d.getList("history", Document.class, List.of()).stream().map(Decision::fromDocument).toList(),
                d.get("version") instanceof Number n ? n.longValue() : 0);
    }

    private static Instant instant(Document d, String field) {
        return d.get(field) instanceof Date date ? date.toInstant() : null;
    }
}
