package ca.microcred.issuer.revocation.service;

import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.issuer.provider.rest.ProviderFixtures;
import ca.microcred.issuer.support.Completions;
import ca.microcred.issuer.support.IssuerDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static ca.microcred.issuer.support.Completions.awaitCompleted;
import static ca.microcred.issuer.support.Completions.body;
import static ca.microcred.issuer.support.Completions.newId;
import static ca.microcred.issuer.support.Completions.postAsProvider;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Status list indexes stay unique however many issuers take them at once. */
@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class StatusIndexesTest {

    @Inject
    StatusIndexes indexes;

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void concurrentAllocationsForOneProviderNeverShareAnIndex() throws Exception {
        String provider = newId("prov");
        int threads = 8;
        int callsPerThread = 20;
        int perCall = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Integer>>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    List<Integer> taken = new ArrayList<>();
                    for (int call = 0; call < callsPerThread; call++) {
                        IntStream.of(indexes.allocate(provider, perCall)).forEach(taken::add);
                    }
                    return taken;
                }));
            }
            start.countDown();
            Set<Integer> distinct = new HashSet<>();
            int total = 0;
            for (Future<List<Integer>> result : results) {
                for (int index : result.get()) {
                    total++;
                    distinct.add(index);
                }
            }
            int size = indexes.listSize(provider);
            assertTrue(distinct.stream().allMatch(i -> i >= 0 && i < size), "an index lies outside the list");
            assertEquals(threads * callsPerThread * perCall, total);
            assertEquals(total, distinct.size(), "an index was handed out twice");
            Document stored = IssuerDatabase.statusLists().find(Filters.eq("_id", provider)).first();
            assertEquals(total, stored.getInteger("taken"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void credentialsIssuedInParallelCompletionsGetDistinctIndexesAndNoneIsWasted() throws Exception {
        String provider = ProviderFixtures.register();
        int cohorts = 6;
        int learnersPerCohort = 20;
        String achievement = Completions.schedule(provider).achievementId();
        ExecutorService pool = Executors.newFixedThreadPool(cohorts);
        List<Future<String>> accepted = new ArrayList<>();
        try {
            for (int c = 0; c < cohorts; c++) {
                List<Map<String, Object>> learners = IntStream.range(0, learnersPerCohort)
                        .mapToObj(i -> Completions.learner("Learner " + i, newId("l") + "@example.ca", true, false))
                        .toList();
                Map<String, Object> completion = body(Completions.schedule(provider, achievement).cohortId(), learners);
                accepted.add(pool.submit(() -> postAsProvider(provider, null, completion)
                        .then().statusCode(202).extract().jsonPath().getString("id")));
            }
            List<String> completionIds = new ArrayList<>();
            for (Future<String> id : accepted) {
                completionIds.add(id.get());
            }
            completionIds.forEach(id -> awaitCompleted(provider, id));

            Set<Integer> stored = new HashSet<>();
            for (String completionId : completionIds) {
                for (Document credential : IssuerDatabase.credentialsOf(completionId)) {
                    int index = credential.getInteger("statusIndex");
                    assertTrue(stored.add(index), "index " + index + " given to two credentials");
                    JsonNode document = mapper.readTree(credential.getString("json"));
                    for (JsonNode entry : document.path("credentialStatus")) {
                        assertEquals(String.valueOf(index), entry.path("statusListIndex").asText());
                    }
                    assertEquals(2, document.path("credentialStatus").size());
                }
            }
            assertEquals(cohorts * learnersPerCohort, stored.size());
            assertEquals(stored.size(), IssuerDatabase.statusLists().find(Filters.eq("_id", provider)).first().getInteger("taken"));
        } finally {
            pool.shutdownNow();
        }
    }
}
