package ca.microcred.issuer.completion;

import ca.microcred.contracts.Topics;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.issuer.support.Completions;
import ca.microcred.issuer.support.Completions.Scheduled;
import ca.microcred.issuer.support.IssuerDatabase;
import ca.microcred.issuer.support.TopicReader;
import ca.microcred.support.outbox.OutboxEntry;
import ca.microcred.support.outbox.OutboxRelay;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static ca.microcred.issuer.support.Completions.awaitCompleted;
import static ca.microcred.issuer.support.Completions.body;
import static ca.microcred.issuer.support.Completions.mixedCohort;
import static ca.microcred.issuer.support.Completions.newId;
import static ca.microcred.issuer.support.Completions.postAsProvider;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * With the relay switched off, an accepted completion is fully stored and its events wait in the documents; once
 * the relay runs, every event is published exactly once.
 */
@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
@TestProfile(OutboxHeldTest.RelayOff.class)
class OutboxHeldTest {

    public static class RelayOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("microcred.outbox.enabled", "false");
        }
    }

    @Inject
    OutboxRelay relay;

    @Test
    void eventsWaitInTheirDocumentsAndNoneIsLost() {
        Scheduled scheduled = Completions.schedule();
        String provider = scheduled.providerId();
        String cohort = scheduled.cohortId();
        JsonPath accepted = postAsProvider(provider, newId("key"), body(cohort, mixedCohort()))
                .then().statusCode(202).extract().jsonPath();
        String completionId = accepted.getString("id");
        List<String> credentialIds = accepted.getList("credentials.credentialId");
        awaitCompleted(provider, completionId);

        Document completion = IssuerDatabase.completion(completionId);
        assertEquals(true, completion.getBoolean(OutboxEntry.PENDING));
        List<Document> completionOutbox = completion.getList(OutboxEntry.FIELD, Document.class);
        assertThat(completionOutbox, hasSize(1));
        assertEquals(Topics.COHORTS, completionOutbox.get(0).getString("topic"));
        assertEquals(cohort, completionOutbox.get(0).getString("key"));

        List<Document> credentials = IssuerDatabase.credentialsOf(completionId);
        assertThat(credentials, hasSize(3));
        for (Document credential : credentials) {
            assertEquals(true, credential.getBoolean(OutboxEntry.PENDING));
            List<Document> outbox = credential.getList(OutboxEntry.FIELD, Document.class);
            assertThat(outbox, hasSize(1));
            assertEquals(Topics.CREDENTIALS, outbox.get(0).getString("topic"));
            assertEquals(credential.getString("_id"), outbox.get(0).getString("key"));
        }
        Set<String> ids = Set.copyOf(credentialIds);
        assertThat(TopicReader.read(Topics.CREDENTIALS, ids::contains), empty());
        assertThat(TopicReader.read(Topics.COHORTS, cohort::equals), empty());

        // what an enabled relay does on its next round
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            relay.drain();
            return !IssuerDatabase.completion(completionId).getBoolean(OutboxEntry.PENDING);
        });
        relay.drain();

        assertThat(TopicReader.read(Topics.CREDENTIALS, ids::contains), hasSize(3));
        assertThat(TopicReader.read(Topics.COHORTS, cohort::equals), hasSize(1));
        for (Document credential : IssuerDatabase.credentialsOf(completionId)) {
            assertEquals(false, credential.getBoolean(OutboxEntry.PENDING));
            assertThat(credential.getList(OutboxEntry.FIELD, Document.class), empty());
        }
    }
}
