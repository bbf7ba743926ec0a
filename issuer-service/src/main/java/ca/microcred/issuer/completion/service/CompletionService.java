package ca.microcred.issuer.completion.service;

import ca.microcred.issuer.achievement.Achievement;
import ca.microcred.issuer.achievement.mapping.OpenBadgeAchievement;
import ca.microcred.issuer.achievement.service.AchievementService;
import ca.microcred.issuer.cohort.Cohort;
import ca.microcred.issuer.cohort.CohortStatus;
import ca.microcred.issuer.cohort.service.CohortService;
import ca.microcred.issuer.completion.Completion;
import ca.microcred.issuer.completion.CompletionStatus;
import ca.microcred.issuer.completion.Learner;
import ca.microcred.issuer.completion.repository.CompletionRepository;
import ca.microcred.issuer.completion.repository.CredentialRepository;
import ca.microcred.issuer.completion.rest.CompletionRequest;
import ca.microcred.issuer.completion.rest.CompletionRequest.LearnerResult;
import ca.microcred.issuer.provider.Provider;
import ca.microcred.issuer.provider.service.ProviderService;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

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
    private final CohortService cohorts;
    private final AchievementService achievements;
    private final ProviderService providers;
    private final CompletionRules rules;
    private final CompletionProcessor processor;
    private final ObjectMapper mapper;
    private final Counter accepted;

    public CompletionService(CompletionRepository completions, CredentialRepository credentials,
                             CompletionRules rules, CompletionProcessor processor, ObjectMapper mapper,
                             MeterRegistry metrics, CohortService cohorts, AchievementService achievements,
                             ProviderService providers) {
        this.completions = completions;
        this.credentials = credentials;
        this.cohorts = cohorts;
        this.achievements = achievements;
        this.providers = providers;
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
     * Accepts a completion of a cohort, or returns the one accepted earlier under the same Idempotency-Key. The
     * cohort names the provider and the achievement; closing the cohort ({@link CohortService#close}) decides
     * which of concurrent completions wins. With an Idempotency-Key the completion id follows from the key, so a
     * retry after a failure between closing the cohort and storing the completion finishes the same completion.
     *
     * @param callerProvider the provider of a provider token (the cohort must be one of its own), or null for an
     *                       operator
     * @param idempotencyKey the client's key, or null
     * @throws ProblemException 400 listing every problem with the request; 403 when the cohort belongs to another
     *                          provider; 404 for an unknown cohort or achievement; 409 when the cohort is closed;
     *                          422 when the key was used for a different request
     */
    public Accepted accept(String callerProvider, String idempotencyKey, CompletionRequest request) {
        return accept(callerProvider, idempotencyKey, request, UnaryOperator.identity());
    }

    /**
     * {@link #accept(String, String, CompletionRequest)} for a request read from another format (CSV): the
     * reader's {@code presenter} restates the request's violations in the terms of that format (line numbers and
     * columns) and adds the problems it found itself, so all of them are answered in one problem.
     */
    public Accepted accept(String callerProvider, String idempotencyKey, CompletionRequest request,
                           UnaryOperator<List<Violation>> presenter) {
        List<Violation> violations = presenter.apply(rules.violations(request, idempotencyKey));
        if (!violations.isEmpty()) {
            throw invalid(violations);
        }
        Cohort cohort = cohorts.get(request.cohortId());
        if (callerProvider != null && !callerProvider.equals(cohort.providerId())
                || request.providerId() != null && !request.providerId().equals(cohort.providerId())) {
            throw ProblemException.forbidden("Cohort '" + cohort.id() + "' belongs to another provider");
        }
        Achievement achievement = achievementOf(cohort, request);
        String providerId = cohort.providerId();
        String requestHash = requestHash(providerId, request);
        if (idempotencyKey != null) {
            Optional<Completion> earlier = completions.findByIdempotencyKey(providerId, idempotencyKey);
            if (earlier.isPresent()) {
                return replay(earlier.get(), requestHash);
            }
        }
        String id = idempotencyKey == null ? UUID.randomUUID().toString() : completionId(providerId, idempotencyKey);
        if (cohort.status() == CohortStatus.CLOSED && !id.equals(cohort.closedBy())) {
            throw closed(cohort.id(), cohort.closedBy());
        }
        Completion completion = newCompletion(id, providers.get(providerId), idempotencyKey, requestHash, request,
                cohort, achievement);
        if (!cohorts.close(cohort.id(), id)) {
            Cohort now = cohorts.get(cohort.id());
            if (!id.equals(now.closedBy())) {
                return alreadyAccepted(providerId, idempotencyKey, requestHash, now);
            }
        }
        boolean inserted;
        try {
            inserted = completions.insert(completion);
        } catch (RuntimeException e) {
            cohorts.reopen(cohort.id(), id);
            throw e;
        }
        if (!inserted) {
            return alreadyAccepted(providerId, idempotencyKey, requestHash, cohorts.get(cohort.id()));
        }
        accepted.increment();
        Log.infof("Accepted completion %s for cohort %s of provider %s: %d learners, %d passed", completion.id(),
                completion.cohortId(), providerId, completion.enrolled(), completion.passed());
        processor.submit(completion.id());
        return new Accepted(completion, false);
    }

    /**
     * The cohort's achievement, which must be published. A request naming an achievement names the cohort's: an
     * unknown one is 404, another one a 400.
     */
    private Achievement achievementOf(Cohort cohort, CompletionRequest request) {
        if (request.achievementId() != null && !request.achievementId().equals(cohort.achievementId())) {
            Achievement named = achievements.find(request.achievementId())
                    .filter(a -> a.providerId().equals(cohort.providerId()))
                    .orElseThrow(() -> ProblemException.notFound("Achievement", request.achievementId()));
            throw ProblemException.invalid(List.of(new Violation("achievementId", "cohort '" + cohort.id()
                    + "' runs achievement '" + cohort.achievementId() + "', not '" + named.id() + "'")));
        }
        Achievement achievement = achievements.find(cohort.achievementId())
                .orElseThrow(() -> ProblemException.notFound("Achievement", cohort.achievementId()));
        if (!achievement.isPublished()) {
            throw ProblemException.conflict("Achievement '" + achievement.id() + "' is not published");
        }
        return achievement;
    }

    /** The same provider and key always name the same completion. */
    static String completionId(String providerId, String idempotencyKey) {
        return UUID.nameUUIDFromBytes(("completion\0" + providerId + "\0" + idempotencyKey)
                .getBytes(StandardCharsets.UTF_8)).toString();
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

    /** Closing or storing lost to a concurrent retry with the same key, or the cohort already has a completion. */
    private Accepted alreadyAccepted(String providerId, String idempotencyKey, String requestHash, Cohort cohort) {
        if (idempotencyKey != null) {
            Optional<Completion> sameKey = completions.findByIdempotencyKey(providerId, idempotencyKey);
            if (sameKey.isPresent()) {
                return replay(sameKey.get(), requestHash);
            }
        }
        throw closed(cohort.id(), cohort.closedBy());
    }

    private static ProblemException closed(String cohortId, String closedBy) {
        return ProblemException.conflict("Cohort '" + cohortId + "' is closed: completion '" + closedBy
                + "' was accepted for it");
    }

    private static Accepted replay(Completion earlier, String requestHash) {
        if (!earlier.requestHash().equals(requestHash)) {
            throw new ProblemException(422, "Unprocessable Content", "This Idempotency-Key was used for completion '"
                    + earlier.id() + "' with a different request; use a new key for a new request");
        }
        return new Accepted(earlier, true);
    }

    private Completion newCompletion(String id, Provider provider, String idempotencyKey, String requestHash,
                                     CompletionRequest request, Cohort cohort, Achievement achievement) {
        List<Learner> learners = new ArrayList<>(request.learners().size());
        for (LearnerResult result : request.learners()) {
            String email = result.email().trim();
            boolean passed = result.passed();
            String salt = passed ? RecipientIdentity.newSalt() : null;
            learners.add(new Learner(result.name().trim(), email, passed, result.consentToEmployerContact(),
                    result.portfolioLinks(), trimToNull(result.grade()),
                    passed ? UUID.randomUUID().toString() : null, salt,
                    passed ? RecipientIdentity.hash(email, salt) : null));
        }
        String language = cohort.language().toLowerCase(Locale.ROOT).startsWith("fr") ? "fr" : "en";
        Map<String, String> stackUrls = new LinkedHashMap<>();
        achievement.definition().stacksInto().forEach(s -> stackUrls.put(s, achievements.publicUrl(s)));
        Map<String, Object> ob = OpenBadgeAchievement.achievement(achievement, provider,
                achievements.publicUrl(achievement.id()), language, stackUrls);
        try {
            return new Completion(id, provider.id(), idempotencyKey == null ? id : idempotencyKey, requestHash,
                    cohort.id(), achievement.id(), achievement.definition().name(), cohort.province(),
                    cohort.deliveryMode(), language, learners, CompletionStatus.ACCEPTED,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS), null, 0, request.proofFormat(),
                    mapper.writeValueAsString(ob), provider.name().in(language), provider.includeLearnerName());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write achievement " + achievement.id(), e);
        }
    }

    /**
     * SHA-256 over the provider and the request as JSON, leaving out what the cohort implies (provider and
     * achievement ids) and naming the default proof format, so a retry that spells these differently, or the same
     * results sent as CSV, is recognised as the same request.
     */
    private String requestHash(String providerId, CompletionRequest request) {
        ObjectNode tree = mapper.valueToTree(request);
        tree.remove("providerId");
        tree.remove("achievementId");
        tree.put("proofFormat", request.proofFormat() == null ? Completion.DATA_INTEGRITY : request.proofFormat());
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
