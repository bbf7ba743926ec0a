package ca.microcred.notification.subscription.service;

import ca.microcred.notification.delivery.repository.DeliveryRepository;
import ca.microcred.notification.common.MergePatch;
import ca.microcred.notification.employer.service.EmployerService;
import ca.microcred.notification.matching.service.IndexedSubscriptions;
import ca.microcred.notification.subscription.Subscription;
import ca.microcred.notification.subscription.repository.SubscriptionRepository;
import ca.microcred.notification.subscription.rest.CreateSubscriptionRequest;
import ca.microcred.notification.subscription.rest.SkillCriterion;
import ca.microcred.notification.webhook.WebhookSigner;
import ca.microcred.notification.webhook.WebhookTargetPolicy;
import ca.microcred.support.problem.Problem;
import ca.microcred.support.problem.ProblemException;
import ca.microcred.support.security.Caller;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Employers' subscriptions. An employer token sees and changes only its own; operators see every employer's.
 * Another employer's subscription answers 404, exactly like one that does not exist, so ids cannot be probed.
 */
@ApplicationScoped
public class SubscriptionService {

    public static final java.time.Duration PREVIOUS_SECRET_VALIDITY = java.time.Duration.ofHours(24);

    private static final long ANY_VERSION = SubscriptionRepository.ANY_VERSION;

    private final SubscriptionRepository subscriptions;
    private final DeliveryRepository deliveries;
    private final WebhookTargetPolicy targets;
    private final Caller caller;
    private final EmployerService employers;
    private final IndexedSubscriptions index;
    private final ObjectMapper json;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    /** Members a merge patch may set: every member of the update body. */
    private static final Set<String> PATCHABLE = java.util.Arrays.stream(
            CreateSubscriptionRequest.class.getRecordComponents())
            .map(java.lang.reflect.RecordComponent::getName).collect(Collectors.toUnmodifiableSet());

    public SubscriptionService(SubscriptionRepository subscriptions, DeliveryRepository deliveries,
                               WebhookTargetPolicy targets, Caller caller, EmployerService employers,
                               IndexedSubscriptions index, ObjectMapper json) {
        this.employers = employers;
        this.index = index;
        this.json = json;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.targets = targets;
        this.caller = caller;
    }

    /** Validates everything before writing, so the answer lists every problem and nothing is half-created. */
    public Subscription create(CreateSubscriptionRequest request) {
        String employerId = caller.ownEmployerId();
        Subscription subscription = validated(request, employerId);
        subscription.id = UUID.randomUUID().toString();
        subscription.employerId = employerId;
        if (subscription.channel == Subscription.Channel.WEBHOOK) {
            subscription.secret = WebhookSigner.newSecret();
        }
        subscription.createdAt = Instant.now();
        subscription.changedAt = subscription.createdAt;
        subscription.version = 1;
        subscriptions.persist(subscription);
        index.changed(subscription);
        Log.infof("Employer %s subscribed %s, indexed under %s", employerId, subscription.id,
                subscription.matchKeys);
        return subscription;
    }

    /**
     * Replaces the criteria, the target (webhook URL or email) and the mode of a subscription; its channel, secret
     * and pause state stay. Notifications already created keep the body and target they were created with. Written
     * with the version read, so an update racing another one answers 409 instead of undoing it.
     */
    public Subscription update(String id, CreateSubscriptionRequest request) {
        Subscription existing = visible(id);
        Subscription changed = validated(request, existing.employerId);
        if (changed.channel != existing.channelOrDefault()) {
            throw ProblemException.invalid(List.of(new Problem.Violation("channel",
                    "cannot change; create a new subscription for another channel")));
        }
        Subscription stored = subscriptions.updateVersioned(id, existing.version, Updates.combine(
                        Updates.set("achievementIds", changed.achievementIds),
                        Updates.set("skills", changed.skills),
                        Updates.set("occupations", changed.occupations),
                        Updates.set("providerIds", changed.providerIds),
                        Updates.set("provinces", changed.provinces),
                        Updates.set("deliveryModes", changed.deliveryModes),
                        Updates.set("languages", changed.languages),
                        Updates.set(Subscription.MATCH_KEYS, changed.matchKeys),
                        Updates.set("webhookUrl", changed.webhookUrl),
                        Updates.set("email", changed.email),
                        Updates.set("mode", changed.mode.name())), Instant.now())
                .orElseThrow(() -> ProblemException.conflict("Subscription " + id
                        + " was changed or deleted meanwhile; read it again and retry"));
        index.changed(stored);
        Log.infof("Subscription %s updated by %s, indexed under %s", id, caller.actor(), stored.matchKeys);
        return stored;
    }

    /**
     * Applies a JSON merge patch (RFC 7396) to the subscription as {@link #update} takes it: only the members given
     * change, {@code null} clears one, and the result is validated like a full replacement.
     */
    public Subscription patch(String id, String mergePatch) throws JsonProcessingException {
        Subscription existing = visible(id);
        CreateSubscriptionRequest merged = MergePatch.apply(json, asRequest(existing), mergePatch, PATCHABLE,
                CreateSubscriptionRequest.class);
        return update(id, merged);
    }

    /** The subscription as an update body would state it. */
    private static CreateSubscriptionRequest asRequest(Subscription s) {
        return new CreateSubscriptionRequest(s.achievementIds, s.skills == null ? null
                : s.skills.stream().map(SkillCriterion::parse).toList(), s.occupations, s.providerIds,
                s.provinces, s.deliveryModes, s.languages,
                s.channelOrDefault().name().toLowerCase(Locale.ROOT), s.webhookUrl, s.email,
                s.modeOrDefault().apiName);
    }

    private Subscription validated(CreateSubscriptionRequest request, String employerId) {
        if (request == null) {
            throw ProblemException.invalid(List.of(new Problem.Violation("body", "a JSON body is required")));
        }
        Subscription subscription = new Subscription();
        CriteriaValidator criteria = new CriteriaValidator();
        criteria.apply(request, subscription);
        List<Problem.Violation> violations = new ArrayList<>(criteria.violations());
        String channel = request.channel() == null ? "webhook" : request.channel().trim().toLowerCase(Locale.ROOT);
        if (channel.equals("email")) {
            subscription.channel = Subscription.Channel.EMAIL;
            if (request.webhookUrl() != null) {
                violations.add(new Problem.Violation("webhookUrl", "must be absent for the email channel"));
            }
            if (request.email() != null) {
                if (request.email().isBlank() || !EMAIL.matcher(request.email().trim()).matches()) {
                    violations.add(new Problem.Violation("email", "must be an email address"));
                }
            } else if (employers.find(employerId).map(e -> e.contactEmail).isEmpty()) {
                violations.add(new Problem.Violation("email", "must be given, or the employer profile "
                        + "(POST /employers) must have a contact email"));
            }
        } else if (channel.equals("webhook")) {
            subscription.channel = Subscription.Channel.WEBHOOK;
            violations.addAll(targets.check("webhookUrl", request.webhookUrl()));
            if (request.email() != null) {
                violations.add(new Problem.Violation("email", "must be absent for the webhook channel"));
            }
        } else {
            violations.add(new Problem.Violation("channel", "must be webhook or email"));
        }
        if (request.mode() == null) {
            subscription.mode = Subscription.Mode.IMMEDIATE;
        } else {
            Subscription.Mode.ofApiName(request.mode()).ifPresentOrElse(mode -> subscription.mode = mode,
                    () -> violations.add(new Problem.Violation("mode", "must be immediate or daily-digest")));
        }
        if (!violations.isEmpty()) {
            violations.sort(Comparator.comparing(Problem.Violation::field));
            throw ProblemException.invalid(violations);
        }
        if (subscription.channel == Subscription.Channel.WEBHOOK) {
            subscription.webhookUrl = request.webhookUrl().trim();
        } else {
            subscription.email = request.email() == null ? null : request.email().trim();
        }
        return subscription;
    }

    /** The caller's subscriptions; an operator sees every employer's, or one employer's when it names one. */
    public List<Subscription> list(Optional<String> employerId, int offset, int limit) {
        if (caller.isOperator()) {
            return subscriptions.list(employerId, offset, limit);
        }
        String own = caller.ownEmployerId();
        employerId.ifPresent(caller::requireEmployer);
        return subscriptions.list(Optional.of(own), offset, limit);
    }

    /** The subscription if the caller may see it; otherwise 404, whether it exists or not. */
    public Subscription visible(String id) {
        return subscriptions.findByIdOptional(id)
                .filter(s -> caller.isOperator() || caller.employerId().filter(s.employerId::equals).isPresent())
                .orElseThrow(() -> ProblemException.notFound("Subscription", id));
    }

    /** Pauses or resumes the subscription. */
    public Subscription setPaused(String id, boolean paused) {
        Subscription subscription = visible(id);
        Subscription stored = subscriptions.updateVersioned(subscription.id, ANY_VERSION,
                        Updates.set(Subscription.PAUSED, paused), Instant.now())
                .orElseThrow(() -> ProblemException.notFound("Subscription", id));
        index.changed(stored);
        Log.infof("Subscription %s %s by %s", subscription.id, paused ? "paused" : "resumed", caller.actor());
        return stored;
    }

    /**
     * Issues a new signing secret. The old one stays valid for {@link #PREVIOUS_SECRET_VALIDITY}: webhooks carry
     * both signatures meanwhile, so the receiver can switch secrets without losing a notification.
     */
    public Subscription rotateSecret(String id) {
        Subscription subscription = visible(id);
        if (subscription.channelOrDefault() != Subscription.Channel.WEBHOOK) {
            throw ProblemException.conflict("Only webhook subscriptions have a signing secret");
        }
        String secret = WebhookSigner.newSecret();
        Instant expires = Instant.now().plus(PREVIOUS_SECRET_VALIDITY);
        subscriptions.updateOne(Filters.eq("_id", subscription.id), Updates.combine(
                Updates.set("previousSecret", subscription.secret),
                Updates.set("previousSecretExpiresAt", expires),
                Updates.set("secret", secret)));
        subscription.previousSecret = subscription.secret;
        subscription.previousSecretExpiresAt = expires;
        subscription.secret = secret;
        Log.infof("Signing secret of subscription %s rotated by %s", subscription.id, caller.actor());
        return subscription;
    }

    /** Deletes the subscription; notifications not yet delivered are cancelled. */
    public void delete(String id) {
        Subscription subscription = visible(id);
        subscriptions.deleteById(subscription.id);
        index.deleted(subscription);
        long cancelled = deliveries.cancelPending(subscription.id);
        Log.infof("Subscription %s of employer %s deleted by %s; %d pending deliveries cancelled", subscription.id,
                subscription.employerId, caller.actor(), cancelled);
    }
}
