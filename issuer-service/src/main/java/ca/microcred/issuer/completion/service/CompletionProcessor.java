package ca.microcred.issuer.completion.service;

import ca.microcred.issuer.completion.Completion;
import ca.microcred.issuer.completion.CompletionStatus;
import ca.microcred.issuer.completion.IssuedCredential;
import ca.microcred.issuer.completion.Learner;
import ca.microcred.issuer.completion.messaging.CompletionEvents;
import ca.microcred.issuer.completion.repository.CompletionRepository;
import ca.microcred.issuer.completion.repository.CredentialRepository;
import ca.microcred.issuer.completion.repository.CredentialRepository.Announced;
import ca.microcred.issuer.config.IssuerConfig;
import ca.microcred.issuer.keys.ProviderKeys;
import ca.microcred.issuer.keys.SigningKey;
import ca.microcred.issuer.provider.Provider;
import ca.microcred.issuer.provider.service.ProviderService;
import ca.microcred.issuer.revocation.service.StatusEntries;
import ca.microcred.issuer.revocation.service.StatusIndexes;
import ca.microcred.credentials.proof.DataIntegrityProofs;
import ca.microcred.credentials.proof.VcJwt;
import ca.microcred.support.outbox.OutboxEntry;
import ca.microcred.support.outbox.OutboxRelay;
import ca.microcred.support.outbox.OutboxWrite;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issues the credentials of accepted completions, then completes them. Without multi-document transactions
 * every step is a single-document write that is safe to repeat:
 * <ol>
 *     <li>one {@code credentials} document per passed learner, holding its CredentialIssued outbox entry;
 *     the id and recipient hash were fixed on acceptance, so a repeated run stores nothing twice;</li>
 *     <li>one conditional update setting the completion COMPLETED together with its CohortCompleted outbox
 *     entry, which only an ACCEPTED completion takes.</li>
 * </ol>
 * A run that stops half-way (crash, broker or store outage) is picked up again at startup and by a periodic
 * sweep of completions still ACCEPTED.
 * <p>
 * Credentials are signed and stored in batches, two batches in flight: the next one is signed while the current
 * one is stored. Batches are still stored one at a time and in order, so a crash leaves what it left without the
 * overlap: some credentials stored, the rest issued by the next run (a batch signed but not yet stored leaves only
 * unused status list indexes, as a crash during signing always did).
 */
@ApplicationScoped
public class CompletionProcessor {

    /** Credentials written per round trip to the store. */
    static final int BATCH = 500;
    /** Completions processed at once; more would only compete for the same store. */
    private static final int WORKERS = 2;
    /** Longest wait for the relay to catch up before storing more; past it the events wait in the store. */
    private static final Duration HAND_OVER_WAIT = Duration.ofSeconds(30);
    static final String BUILD = "build";
    static final String SIGN = "sign";
    static final String EVENT = "event";
    static final String STORE = "store";

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final CompletionRepository completions;
    private final CredentialRepository credentials;
    private final UnsignedCredentials builder;
    private final CompletionEvents events;
    private final OutboxRelay relay;
    private final IssuerConfig config;
    private final ProviderService providers;
    private final ProviderKeys keys;
    private final StatusIndexes statusIndexes;
    private final StatusEntries statusEntries;
    private final Counter issuedCounter;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers;
    private final ForkJoinPool signingPool;
    private final MeterRegistry metrics;
    private final Map<String, Timer> stageTimers = new ConcurrentHashMap<>();

    public CompletionProcessor(CompletionRepository completions, CredentialRepository credentials,
                               UnsignedCredentials builder, CompletionEvents events, OutboxRelay relay,
                               IssuerConfig config, MeterRegistry metrics,
                               ProviderService providers, ProviderKeys keys, StatusIndexes statusIndexes,
                               StatusEntries statusEntries) {
        this.providers = providers;
        this.keys = keys;
        this.statusIndexes = statusIndexes;
        this.statusEntries = statusEntries;
        this.completions = completions;
        this.credentials = credentials;
        this.builder = builder;
        this.events = events;
        this.relay = relay;
        this.config = config;
        this.metrics = metrics;
        this.signingPool = new ForkJoinPool(config.signingThreads().orElse(Runtime.getRuntime().availableProcessors()));
        this.issuedCounter = Counter.builder("microcred.issuer.credentials.issued")
                .description("Credentials stored for accepted completions").register(metrics);
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(WORKERS, task -> {
            Thread thread = new Thread(task, "completion-processor-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Creates the indexes the idempotency relies on, then resumes whatever an earlier run left unfinished. */
    void start(@Observes StartupEvent event) {
        completions.createIndexes();
        credentials.createIndexes();
        completions.acceptedBefore(Instant.now()).forEach(this::submit);
    }

    void stop(@Observes ShutdownEvent event) {
        // unfinished completions stay ACCEPTED and are resumed by the next start
        workers.shutdownNow();
        signingPool.shutdownNow();
    }

    @Scheduled(every = "${microcred.issuer.resume-interval:15s}", delayed = "${microcred.issuer.resume-interval:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void resumeStalled() {
        completions.acceptedBefore(Instant.now().minus(config.resumeInterval())).forEach(this::submit);
    }

    /** Processes the completion in the background unless this instance is already at it. */
    public void submit(String completionId) {
        if (!running.add(completionId)) {
            return;
        }
        try {
            workers.execute(() -> {
                try {
                    process(completionId);
                } catch (RuntimeException e) {
                    Log.warnf(e, "Completion %s could not be processed yet; it will be resumed", completionId);
                } finally {
                    running.remove(completionId);
                }
            });
        } catch (RejectedExecutionException e) {
            running.remove(completionId);
        }
    }

    /** Issues every credential of the completion and completes it; does nothing once it is COMPLETED. */
    public void process(String completionId) {
        Completion completion = completions.find(completionId).orElse(null);
        if (completion == null || completion.status() != CompletionStatus.ACCEPTED) {
            return;
        }
        List<Learner> passed = completion.passedLearners();
        // one decryption of the provider's key per run; unregistered providers get unsigned credentials
        Signer signer = providers.find(completion.providerId())
                .map(provider -> new Signer(provider, keys.signingKey(provider.id())))
                .orElse(null);
        // a resumed run issues only what is missing, so it takes no status list indexes it would not use
        Set<String> stored = credentials.storedIds(completionId);
        List<Learner> missing = passed.stream().filter(l -> !stored.contains(l.credentialId())).toList();
        // a pipeline of two batches: while one is stored and handed to the relay, the next is signed, so the
        // signing threads do not wait for the store; batches are stored one at a time, in order
        Future<List<Announced>> signing = missing.isEmpty() ? null : signBatch(completion, missing, 0, signer);
        try {
            for (int from = 0; from < missing.size(); from += BATCH) {
                List<Announced> batch = await(signing, completion);
                signing = from + BATCH < missing.size() ? signBatch(completion, missing, from + BATCH, signer) : null;
                // no further ahead of the broker than the relay's queue: memory stays bounded whatever the cohort size
                relay.awaitHandOverRoom(batch.size(), HAND_OVER_WAIT);
                long storing = cpuTime();
                boolean allNew = credentials.insertAll(batch);
                stageTimer(STORE).record(cpuTime() - storing, TimeUnit.NANOSECONDS);
                if (allNew) {
                    handOver(batch.stream().map(a -> new OutboxWrite(CredentialRepository.COLLECTION,
                            a.credential().id(), a.event())).toList());
                } else {
                    // some were stored by an earlier run with entries of their own: the relay reads them from the store
                    wakeRelay();
                }
            }
        } finally {
            if (signing != null) {
                // a run that stopped early leaves the batch unstored; its status indexes stay unused
                signing.cancel(false);
            }
        }
        int issued = credentials.countByCompletion(completionId);
        if (issued != passed.size()) {
            throw new IllegalStateException("Completion " + completionId + " has " + issued + " of "
                    + passed.size() + " credentials stored");
        }
        Instant completedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        OutboxEntry cohortCompleted = events.cohortCompleted(completion, completedAt);
        if (completions.complete(completionId, completedAt, issued, cohortCompleted)) {
            issuedCounter.increment(issued);
            handOver(List.of(new OutboxWrite(CompletionRepository.COLLECTION, completionId, cohortCompleted)));
            Log.infof("Completion %s completed: %d credentials issued for cohort %s", completionId, issued,
                    completion.cohortId());
        }
    }

    /** Only a nudge: the stored events are published by the relay's own polling whatever happens here. */
    private void wakeRelay() {
        try {
            relay.wakeUp();
        } catch (RuntimeException e) {
            Log.debugf(e, "Outbox relay not woken; its next poll publishes the events");
        }
    }

    /** Only a shortcut: entries the relay does not take are published from the store by its polling. */
    private void handOver(List<OutboxWrite> written) {
        try {
            relay.wakeUp(written);
        } catch (RuntimeException e) {
            Log.debugf(e, "Outbox entries not handed over; the relay's next poll publishes them");
        }
    }

    /** A registered provider's identity and decrypted key, for the duration of one run. */
    private record Signer(Provider provider, SigningKey key) {
    }

    /**
     * Starts building and signing the batch of learners from {@code from} on every core: signing (canonicalisation
     * above all) is what the issuance spends its CPU on, and the credentials of a batch are independent of each
     * other. The batch's status list indexes are taken here, on the caller's thread, in batch order.
     */
    private Future<List<Announced>> signBatch(Completion completion, List<Learner> missing, int from, Signer signer) {
        Instant issuedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Learner> learners = missing.subList(from, Math.min(missing.size(), from + BATCH));
        // signed credentials carry a status entry; an unsigned one has no list that could vouch for it
        int[] indexes = signer == null ? null : statusIndexes.allocate(completion.providerId(), learners.size());
        IntFunction<Announced> one = i -> issue(completion, learners.get(i), issuedAt, signer,
                indexes == null ? null : indexes[i]);
        if (learners.size() == 1 || signingPool.getParallelism() == 1) {
            return signingPool.submit(() -> IntStream.range(0, learners.size()).mapToObj(one).toList());
        }
        return signingPool.submit(() -> IntStream.range(0, learners.size()).parallel().mapToObj(one).toList());
    }

    private static List<Announced> await(Future<List<Announced>> signing, Completion completion) {
        try {
            return signing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while signing the credentials of " + completion.id(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Could not sign the credentials of " + completion.id(), e.getCause());
        }
    }

    private Timer stageTimer(String stage) {
        return stageTimers.computeIfAbsent(stage, s -> Timer.builder("microcred.issuer.issuance.stage")
                .description("CPU time spent per stage of issuing credentials: build (the unsigned document), "
                        + "sign (canonicalisation and Ed25519, or the JWS), event (the CredentialIssued outbox entry), "
                        + "store (encoding and sending the batched writes; the store's own work is not counted)")
                .tag("stage", s).register(metrics));
    }

    /**
     * The current thread's CPU time: the stages run on threads that share the cores with the relay, the broker
     * client and whatever else runs on the machine, so elapsed time would mostly measure that competition.
     */
    private static long cpuTime() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private Announced issue(Completion completion, Learner learner, Instant issuedAt, Signer signer,
                            Integer statusIndex) {
        long started = cpuTime();
        ObjectNode document = builder.build(completion, learner, issuedAt);
        String proofFormat = UnsignedCredentials.PROOF_FORMAT;
        String jwt = null;
        if (signer != null) {
            ObjectNode issuer = document.putObject("issuer");
            issuer.put("id", signer.key().issuerDid());
            issuer.putArray("type").add("Profile");
            issuer.put("name", signer.provider().name().in(completion.language()));
            issuer.put("url", signer.provider().url());
            issuer.put("email", signer.provider().email());
            document.set("credentialStatus", statusEntries.credentialStatus(completion.providerId(), statusIndex));
            proofFormat = completion.proofFormat();
            long built = cpuTime();
            stageTimer(BUILD).record(built - started, TimeUnit.NANOSECONDS);
            started = built;
            if (Completion.VC_JWT.equals(proofFormat)) {
                jwt = VcJwt.sign(document, signer.key().keyPair(), signer.key().verificationMethod());
            } else {
                document = DataIntegrityProofs.sign(document, signer.key().keyPair(),
                        signer.key().verificationMethod(), issuedAt);
            }
            long signed = cpuTime();
            stageTimer(SIGN).record(signed - started, TimeUnit.NANOSECONDS);
            started = signed;
        }
        String url = builder.url(learner.credentialId());
        CompletionEvents.Issued announced = events.credentialIssued(completion, learner,
                jwt == null ? document : null, jwt, proofFormat, url, issuedAt);
        IssuedCredential credential = new IssuedCredential(learner.credentialId(), completion.id(),
                completion.cohortId(), completion.providerId(), completion.achievementId(),
                learner.recipientHash(), proofFormat, issuedAt, announced.credentialJson(), jwt, statusIndex);
        stageTimer(EVENT).record(cpuTime() - started, TimeUnit.NANOSECONDS);
        return new Announced(credential, announced.event());
    }
}
