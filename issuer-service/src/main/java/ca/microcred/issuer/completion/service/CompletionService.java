package ca.microcred.issuer.completion.service;

import ca.microcred.contracts.events.DeliveryMode;
import ca.microcred.contracts.events.LocalizedText;
import ca.microcred.contracts.events.Province;
import ca.microcred.issuer.completion.Completion;
import ca.microcred.issuer.completion.CompletionStatus;
import ca.microcred.issuer.completion.Learner;
import ca.microcred.issuer.completion.repository.CompletionRepository;
import ca.microcred.issuer.completion.repository.CredentialRepository;
import ca.microcred.issuer.completion.rest.CompletionRequest;
import ca.microcred.issuer.completion.rest.CompletionRequest.LearnerResult;
import ca.microcred.support.problem.Problem.Violation;
import ca.microcred.support.problem.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Accepts cohort completions. Accepting stores the completion, with every passed learner's credential id and
 * recipient hash decided up front, in one document; issuing the credentials happens afterwards
 * ({@link CompletionProcessor}), so the request returns quickly however large the cohort.
 */
@ApplicationScoped
public class CompletionService {

    /** A problem body lists at most this many violations; the detail says how many there were. */
    static final int MAX_LISTED_VIOLATIONS = 500;

    private final CompletionRepository completions;
    private final CredentialRepository credentials;
    private final CompletionRules rules;
    private final CompletionProcessor processor;
    private final ObjectMapper mapper;
    private final Counter accepted;

    public CompletionService(CompletionRepository completions, CredentialRepository credentials,
                             CompletionRules rules, CompletionProcessor processor, ObjectMapper mapper,
                             MeterRegistry metrics) {
        this.completions = completions;
        this.credentials = credentials;
        this.rules = rules;
        this.processor = processor;
        this.mapper = mapper;
        this.accepted = Counter.builder("microcred.issuer.completions.accepted")
                .description("Cohort completions accepted (retries with the same Idempotency-Key not counted)")
                .register(metrics);
    }

    /** The outcome of a POST: the completion, and whether it had been accepted before under the same key. */
    public record Accepted(Completion completion, boolean replayed) {
    }

    /**
     * Accepts a completion for the provider, or returns the one accepted earlier under the same Idempotency-Key.
     *
     * @param idempotencyKey the client's key, or null
     * @throws ProblemException 400 listing every problem with the request; 409 when the cohort already has a
     *                          completion; 422 when the key was used for a different request
     */
    public Accepted accept(String providerId, String idempotencyKey, CompletionRequest request) {
        List<Violation> violations = rules.violations(request, providerId, idempotencyKey);
        if (!violations.isEmpty()) {
            throw invalid(violations);
        }
        String requestHash = requestHash(providerId, request);
        if (idempotencyKey != null) {
            Optional<Completion> earlier = completions.findByIdempotencyKey(providerId, idempotencyKey);
            if (earlier.isPresent()) {
                return replay(earlier.get(), requestHash);
            }
        }
        Completion completion = newCompletion(providerId, idempotencyKey, requestHash, request);
        if (!completions.insert(completion)) {
            return alreadyAccepted(providerId, idempotencyKey, requestHash, request.cohortId());
        }
        accepted.increment();
        Log.infof("Accepted completion %s for cohort %s of provider %s: %d learners, %d passed", completion.id(),
                completion.cohortId(), providerId, completion.enrolled(), completion.passed());
        processor.submit(completion.id());
        return new Accepted(completion, false);
    }

    /**
     * @throws ProblemException 404 when there is no such completion
     */
    public Completion get(String id) {
        return completions.find(id).orElseThrow(() -> ProblemException.notFound("Completion", id));
    }

    /** Credentials issued so far for the completion. */
    public int issued(Completion completion) {
        return completion.status() == CompletionStatus.COMPLETED ? completion.issued()
                : credentials.countByCompletion(completion.id());
    }

    /** The insert lost to a concurrent retry with the same key, or the cohort already has a completion. */
    private Accepted alreadyAccepted(String providerId, String idempotencyKey, String requestHash, String cohortId) {
        if (idempotencyKey != null) {
            Optional<Completion> sameKey = completions.findByIdempotencyKey(providerId, idempotencyKey);
            if (sameKey.isPresent()) {
                return replay(sameKey.get(), requestHash);
            }
        }
        Optional<Completion> sameCohort = completions.findByCohort(cohortId);
        if (sameCohort.isPresent() && sameCohort.get().providerId().equals(providerId)) {
            throw ProblemException.conflict("Cohort '" + cohortId + "' is closed: completion '"
                    + sameCohort.get().id() + "' was accepted for it");
        }
        throw ProblemException.conflict("Cohort '" + cohortId + "' is closed: it already has a completion");
    }

    private static Accepted replay(Completion earlier, String requestHash) {
        if (!earlier.requestHash().equals(requestHash)) {
            throw new ProblemException(422, "Unprocessable Content", "This Idempotency-Key was used for completion '"
                    + earlier.id() + "' with a different request; use a new key for a new request");
        }
        return new Accepted(earlier, true);
    }

    private static Completion newCompletion(String providerId, String idempotencyKey, String requestHash,
                                            CompletionRequest request) {
        String id = UUID.randomUUID().toString();
        List<Learner> learners = new ArrayList<>(request.learners().size());
        for (LearnerResult result : request.learners()) {
            String email = result.email().trim();
            boolean passed = result.passed();
            String salt = passed ? RecipientIdentity.newSalt() : null;
            learners.add(new Learner(result.name().trim(), email, passed, result.consentToEmployerContact(),
                    result.portfolioLinks(), passed ? UUID.randomUUID().toString() : null, salt,
                    passed ? RecipientIdentity.hash(email, salt) : null));
        }
        return new Completion(id, providerId, idempotencyKey == null ? id : idempotencyKey, requestHash,
                request.cohortId(), request.achievementId(),
                new LocalizedText(trimToNull(request.achievementName().en()), trimToNull(request.achievementName().fr())),
                Province.valueOf(request.province()), DeliveryMode.valueOf(request.deliveryMode()),
                request.language(), learners, CompletionStatus.ACCEPTED, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                null, 0, request.proofFormat());
    }

    /** SHA-256 over the provider and the request as JSON, whether or not the body repeated the provider id. */
    private String requestHash(String providerId, CompletionRequest request) {
        ObjectNode tree = mapper.valueToTree(request);
        tree.remove("providerId");
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(providerId.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            return HexFormat.of().formatHex(sha256.digest(mapper.writeValueAsBytes(tree)));
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("Could not fingerprint the request", e);
        }
    }

    private static ProblemException invalid(List<Violation> violations) {
        if (violations.size() <= MAX_LISTED_VIOLATIONS) {
            return ProblemException.invalid(violations);
        }
        return new ProblemException(400, "Bad Request", "The request has " + violations.size()
                + " problems; the first " + MAX_LISTED_VIOLATIONS + " are listed",
                violations.subList(0, MAX_LISTED_VIOLATIONS));
    }

    private static String trimToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
