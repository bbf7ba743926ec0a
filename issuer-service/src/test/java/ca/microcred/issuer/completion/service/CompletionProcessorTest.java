package ca.microcred.issuer.completion.service;

import ca.microcred.contracts.Topics;
import ca.microcred.contracts.events.DeliveryMode;
import ca.microcred.contracts.events.LocalizedText;
import ca.microcred.contracts.events.Province;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.issuer.completion.Completion;
import ca.microcred.issuer.completion.CompletionStatus;
import ca.microcred.issuer.completion.Learner;
import ca.microcred.issuer.completion.messaging.CompletionEvents;
import ca.microcred.issuer.completion.repository.CompletionRepository;
import ca.microcred.issuer.completion.repository.CredentialRepository;
import ca.microcred.issuer.completion.repository.CredentialRepository.Announced;
import ca.microcred.issuer.completion.IssuedCredential;
import ca.microcred.issuer.support.IssuerDatabase;
import ca.microcred.issuer.support.TopicReader;
import ca.microcred.support.outbox.OutboxEntry;
import com.mongodb.client.model.Filters;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static ca.microcred.issuer.support.Completions.newId;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Processing that stopped half-way is resumed without issuing or announcing anything twice. */
@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class CompletionProcessorTest {

    @Inject
    CompletionProcessor processor;
    @Inject
    CompletionRepository completions;
    @Inject
    CredentialRepository credentials;
    @Inject
    UnsignedCredentials builder;
    @Inject
    CompletionEvents events;

    @Test
    void aRunInterruptedAfterSomeCredentialsIsResumedAndEachEventIsPublishedOnce() throws Exception {
        Completion completion = acceptedCompletion(3);
        assertEquals(true, completions.insert(completion));
        // the crashed run stored the first learner's credential, then stopped
        Learner first = completion.passedLearners().get(0);
        Instant crashedRunAt = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        var document = builder.build(completion, first, crashedRunAt);
        var issued = events.credentialIssued(completion, first, document, null, UnsignedCredentials.PROOF_FORMAT,
                builder.url(first.credentialId()), crashedRunAt);
        credentials.insertAll(List.of(new Announced(new IssuedCredential(first.credentialId(), completion.id(),
                completion.cohortId(), completion.providerId(), completion.achievementId(), first.recipientHash(),
                UnsignedCredentials.PROOF_FORMAT, crashedRunAt, issued.credentialJson(), null, null),
                issued.event())));

        // two instances resume it at the same time
        CompletableFuture<Void> one = CompletableFuture.runAsync(() -> processor.process(completion.id()));
        CompletableFuture<Void> two = CompletableFuture.runAsync(() -> processor.process(completion.id()));
        one.get();
        two.get();
        processor.process(completion.id());

        Document stored = IssuerDatabase.completion(completion.id());
        assertEquals(CompletionStatus.COMPLETED.name(), stored.getString("status"));
        assertEquals(3, stored.getInteger("issued"));
        assertEquals(3, IssuerDatabase.credentialsForCohort(completion.cohortId()));
        Document kept = IssuerDatabase.credentials().find(Filters.eq("_id", first.credentialId())).first();
        assertEquals(crashedRunAt, kept.getDate("issuedAt").toInstant());

        await().atMost(Duration.ofSeconds(30)).until(() ->
                IssuerDatabase.completions().countDocuments(Filters.and(Filters.eq("_id", completion.id()),
                        Filters.eq(OutboxEntry.PENDING, false))) == 1
                        && IssuerDatabase.credentials().countDocuments(Filters.and(
                        Filters.eq("completionId", completion.id()), Filters.eq(OutboxEntry.PENDING, true))) == 0);
        Set<String> ids = Set.copyOf(completion.passedLearners().stream().map(Learner::credentialId).toList());
        assertThat(TopicReader.read(Topics.CREDENTIALS, ids::contains), hasSize(3));
        assertThat(TopicReader.read(Topics.COHORTS, completion.cohortId()::equals), hasSize(1));
    }

    @Test
    void aCompletedCompletionIsLeftAlone() {
        Completion completion = acceptedCompletion(2);
        completions.insert(completion);
        processor.process(completion.id());
        Document before = IssuerDatabase.completion(completion.id());

        processor.process(completion.id());

        Document after = IssuerDatabase.completion(completion.id());
        assertEquals(before.getDate("completedAt"), after.getDate("completedAt"));
        assertEquals(2, IssuerDatabase.credentialsForCohort(completion.cohortId()));
    }

    private static final String ACHIEVEMENT = "{\"id\":\"http://localhost:8081/achievements/ach-cloud-ops\","
            + "\"type\":[\"Achievement\"],\"name\":\"Cloud Operations\",\"description\":\"Runs cloud services.\","
            + "\"criteria\":{\"narrative\":\"Pass the practical exam.\"}}";

    private static Completion acceptedCompletion(int passed) {
        List<Learner> learners = new ArrayList<>();
        for (int i = 0; i < passed; i++) {
            String salt = RecipientIdentity.newSalt();
            String email = "learner" + i + "@example.ca";
            learners.add(new Learner("Learner " + i, email, true, i % 2 == 0, List.of(), null,
                    UUID.randomUUID().toString(), salt, RecipientIdentity.hash(email, salt)));
        }
        learners.add(new Learner("Failed", "failed@example.ca", false, true, List.of(), null, null, null, null));
        String id = UUID.randomUUID().toString();
        return new Completion(id, newId("prov"), id, "request-hash", newId("cohort"), "ach-cloud-ops",
                new LocalizedText("Cloud Operations", "Opérations infonuagiques"), Province.ON, DeliveryMode.ONLINE,
                "en", learners, CompletionStatus.ACCEPTED, Instant.now().truncatedTo(ChronoUnit.MILLIS), null, 0,
                null, ACHIEVEMENT, "Cloud College", false);
    }
}
