package ca.microcred.issuer.completion.service;

import ca.microcred.contracts.EventCodec;
import ca.microcred.contracts.EventRejectedException;
import ca.microcred.contracts.events.EventType;
import ca.microcred.issuer.completion.messaging.CompletionEvents;
import ca.microcred.issuer.completion.rest.CompletionRequest;
import ca.microcred.issuer.completion.rest.CompletionRequest.LearnerResult;
import ca.microcred.support.problem.Problem.Violation;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything wrong with a completion request, found in one pass so the client can fix it all at once: the
 * request's Bean Validation constraints, rules spanning several fields, and the event contract the accepted
 * completion will be announced under. Checking the contract here means a completion that is accepted can always
 * be published; nothing accepted gets stuck on an email or URL the CohortCompleted schema refuses.
 */
@ApplicationScoped
public class CompletionRules {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");
    private static final Pattern CONTAINER_NODE = Pattern.compile("\\.<[^>]+>");
    private static final Pattern GRADUATE = Pattern.compile("^graduates\\[(\\d+)]");
    private static final Pattern FIELD_PART = Pattern.compile("\\d{1,18}|\\D+");
    private static final String DRAFT_ID = "draft";

    private final Validator validator;
    private final EventCodec codec;
    private final CompletionEvents events;

    public CompletionRules(Validator validator, EventCodec codec, CompletionEvents events) {
        this.validator = validator;
        this.codec = codec;
        this.events = events;
    }

    /**
     * @param idempotencyKey the Idempotency-Key header, or null
     * @return every violation, ordered by field (indexes numerically)
     */
    public List<Violation> violations(CompletionRequest request, String idempotencyKey) {
        List<Violation> found = new ArrayList<>();
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            found.add(new Violation("Idempotency-Key", "must be 1 to 200 visible ASCII characters"));
        }
        for (ConstraintViolation<CompletionRequest> v : validator.validate(request)) {
            found.add(new Violation(field(v), v.getMessage()));
        }
        found.addAll(repeatedEmails(request.learners()));
        for (Violation v : contractViolations(request)) {
            if (found.stream().noneMatch(f -> overlaps(f.field(), v.field()))) {
                found.add(v);
            }
        }
        found.sort(Comparator.comparing(Violation::field, CompletionRules::compareFields)
                .thenComparing(Violation::message));
        return found;
    }

    /** A learner appears once per cohort: the same email twice would mean two credentials for one person. */
    private static List<Violation> repeatedEmails(List<LearnerResult> learners) {
        List<Violation> repeated = new ArrayList<>();
        if (learners == null) {
            return repeated;
        }
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < learners.size(); i++) {
            LearnerResult learner = learners.get(i);
            if (learner == null || isBlank(learner.email())) {
                continue;
            }
            Integer earlier = first.putIfAbsent(RecipientIdentity.normalise(learner.email()), i);
            if (earlier != null) {
                repeated.add(new Violation("learners[" + i + "].email",
                        "repeats the email of learners[" + earlier + "]; each learner is listed once"));
            }
        }
        return repeated;
    }

    /**
     * Validates the CohortCompleted this request would produce, with every learner as a graduate so each email
     * and link is held to the contract whatever the learner's result or consent. What comes from the cohort,
     * its achievement and provider was validated when they were recorded, so placeholders stand in for it.
     */
    private List<Violation> contractViolations(CompletionRequest request) {
        ObjectNode draft = codec.mapper().createObjectNode();
        putIfPresent(draft, "cohortId", request.cohortId());
        draft.put("completionId", DRAFT_ID);
        draft.put("achievementId", DRAFT_ID);
        draft.put("providerId", DRAFT_ID);
        draft.putObject("achievementName").put("en", DRAFT_ID);
        draft.put("province", "ON");
        draft.put("deliveryMode", "ONLINE");
        draft.put("language", "en");
        draft.put("completedAt", Instant.now().toString());
        draft.put("enrolled", 0).put("completed", 0).put("passed", 0);
        ArrayNode graduates = draft.putArray("graduates");
        List<Integer> learnerIndex = new ArrayList<>();
        List<LearnerResult> learners = request.learners() == null ? List.of() : request.learners();
        for (int i = 0; i < learners.size(); i++) {
            LearnerResult learner = learners.get(i);
            if (learner == null) {
                continue;
            }
            ObjectNode graduate = graduates.addObject();
            putIfPresent(graduate, "name", learner.name());
            putIfPresent(graduate, "email", learner.email());
            if (learner.portfolioLinks() != null) {
                ArrayNode links = graduate.putArray("portfolioLinks");
                learner.portfolioLinks().forEach(link -> {
                    if (link == null) {
                        links.addNull();
                    } else {
                        links.add(link);
                    }
                });
            }
            graduate.put("credentialId", DRAFT_ID);
            graduate.put("verifyUrl", events.verifyUrl(DRAFT_ID));
            learnerIndex.add(i);
        }
        try {
            codec.validate(EventType.COHORT_COMPLETED, draft);
            return List.of();
        } catch (EventRejectedException e) {
            return e.violations().stream()
                    .map(v -> new Violation(requestField(v.path(), learnerIndex), v.message()))
                    .toList();
        }
    }

    /** {@code $.graduates[3].email} → {@code learners[<index of the 4th non-null learner>].email}. */
    private static String requestField(String path, List<Integer> learnerIndex) {
        String field = path.startsWith("$.") ? path.substring(2) : path.equals("$") ? "body" : path;
        Matcher graduate = GRADUATE.matcher(field);
        if (graduate.find()) {
            int k = Integer.parseInt(graduate.group(1));
            if (k < learnerIndex.size()) {
                return "learners[" + learnerIndex.get(k) + "]" + field.substring(graduate.end());
            }
        }
        return field;
    }

    private static String field(ConstraintViolation<?> violation) {
        String path = CONTAINER_NODE.matcher(violation.getPropertyPath().toString()).replaceAll("");
        return path.isEmpty() ? "body" : path;
    }

    /** Two fields overlap when one is the other or lies inside it. */
    private static boolean overlaps(String a, String b) {
        return a.equals(b) || a.startsWith(b + ".") || a.startsWith(b + "[")
                || b.startsWith(a + ".") || b.startsWith(a + "[");
    }

    /** Orders {@code learners[2]} before {@code learners[10]}. */
    public static int compareFields(String a, String b) {
        Matcher ma = FIELD_PART.matcher(a);
        Matcher mb = FIELD_PART.matcher(b);
        while (ma.find() && mb.find()) {
            String pa = ma.group();
            String pb = mb.group();
            int c;
            if (Character.isDigit(pa.charAt(0)) && Character.isDigit(pb.charAt(0))) {
                c = Long.compare(Long.parseLong(pa), Long.parseLong(pb));
            } else {
                c = pa.compareTo(pb);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
