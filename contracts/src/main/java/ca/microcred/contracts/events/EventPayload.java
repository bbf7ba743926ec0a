package ca.microcred.contracts.events;

/**
 * The data of one event. Every payload names the aggregate it belongs to; that id becomes the
 * CloudEvents {@code subject} and the Kafka record key, so one aggregate's events stay ordered.
 */
public sealed interface EventPayload permits ProviderRegistered, AchievementPublished, CohortCompleted,
        CredentialIssued, CredentialRevoked, ProviderAccreditationChanged {

    /** Id of the aggregate the event belongs to. */
    String subject();
}
