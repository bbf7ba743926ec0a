package ca.microcred.notification.subscription.service;

import ca.microcred.notification.delivery.repository.DeliveryRepository;
import ca.microcred.notification.subscription.Subscription;
import ca.microcred.notification.subscription.repository.SubscriptionRepository;
import ca.microcred.notification.subscription.rest.CreateSubscriptionRequest;
import ca.microcred.notification.webhook.WebhookSigner;
import ca.microcred.notification.webhook.WebhookTargetPolicy;
import ca.microcred.support.problem.Problem;
import ca.microcred.support.problem.ProblemException;
import ca.microcred.support.security.Caller;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Employers' subscriptions. An employer token sees and changes only its own; operators see every employer's.
 * Another employer's subscription answers 404, exactly like one that does not exist, so ids cannot be probed.
 */
@ApplicationScoped
public class SubscriptionService {

    private final SubscriptionRepository subscriptions;
    private final DeliveryRepository deliveries;
    private final WebhookTargetPolicy targets;
    private final Validator validator;
    private final Caller caller;

    public SubscriptionService(SubscriptionRepository subscriptions, DeliveryRepository deliveries,
                               WebhookTargetPolicy targets, Validator validator, Caller caller) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.targets = targets;
        this.validator = validator;
        this.caller = caller;
    }

    /** Validates everything before writing, so the answer lists every problem and nothing is half-created. */
    public Subscription create(CreateSubscriptionRequest request) {
        String employerId = caller.ownEmployerId();
        if (request == null) {
            throw ProblemException.invalid(List.of(new Problem.Violation("body", "a JSON body is required")));
        }
        List<Problem.Violation> violations = new ArrayList<>();
        for (ConstraintViolation<CreateSubscriptionRequest> violation : validator.validate(request)) {
            violations.add(new Problem.Violation(fieldOf(violation.getPropertyPath()), violation.getMessage()));
        }
        if (request.webhookUrl() != null && !request.webhookUrl().isBlank()) {
            violations.addAll(targets.check("webhookUrl", request.webhookUrl()));
        }
        if (!violations.isEmpty()) {
            violations.sort(Comparator.comparing(Problem.Violation::field));
            throw ProblemException.invalid(violations);
        }
        Subscription subscription = new Subscription();
        subscription.id = UUID.randomUUID().toString();
        subscription.employerId = employerId;
        subscription.achievementIds = new ArrayList<>(new LinkedHashSet<>(
                request.achievementIds().stream().map(String::trim).toList()));
        subscription.webhookUrl = request.webhookUrl().trim();
        subscription.secret = WebhookSigner.newSecret();
        subscription.createdAt = Instant.now();
        subscriptions.persist(subscription);
        Log.infof("Employer %s subscribed %s to achievements %s", employerId, subscription.id,
                subscription.achievementIds);
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

    /** Deletes the subscription; notifications not yet delivered are cancelled. */
    public void delete(String id) {
        Subscription subscription = visible(id);
        subscriptions.deleteById(subscription.id);
        long cancelled = deliveries.cancelPending(subscription.id);
        Log.infof("Subscription %s of employer %s deleted by %s; %d pending deliveries cancelled", subscription.id,
                subscription.employerId, caller.actor(), cancelled);
    }

    /** The JSON path of a violation, e.g. {@code achievementIds[0]}. */
    private static String fieldOf(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                if (node.getIndex() != null) {
                    field.append('[').append(node.getIndex()).append(']');
                }
                continue;
            }
            if (node.getName() != null) {
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.length() == 0 ? "body" : field.toString();
    }
}
