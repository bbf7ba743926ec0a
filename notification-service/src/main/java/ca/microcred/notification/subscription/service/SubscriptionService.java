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

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
    private final Caller caller;

    public SubscriptionService(SubscriptionRepository subscriptions, DeliveryRepository deliveries,
                               WebhookTargetPolicy targets, Caller caller) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.targets = targets;
        this.caller = caller;
    }

    /** Validates everything before writing, so the answer lists every problem and nothing is half-created. */
    public Subscription create(CreateSubscriptionRequest request) {
        String employerId = caller.ownEmployerId();
        if (request == null) {
            throw ProblemException.invalid(List.of(new Problem.Violation("body", "a JSON body is required")));
        }
        Subscription subscription = new Subscription();
        CriteriaValidator criteria = new CriteriaValidator();
        criteria.apply(request, subscription);
        List<Problem.Violation> violations = new ArrayList<>(criteria.violations());
        violations.addAll(targets.check("webhookUrl", request.webhookUrl()));
        if (!violations.isEmpty()) {
            violations.sort(Comparator.comparing(Problem.Violation::field));
            throw ProblemException.invalid(violations);
        }
        subscription.id = UUID.randomUUID().toString();
        subscription.employerId = employerId;
        subscription.webhookUrl = request.webhookUrl().trim();
        subscription.secret = WebhookSigner.newSecret();
        subscription.createdAt = Instant.now();
        subscriptions.persist(subscription);
        Log.infof("Employer %s subscribed %s, indexed under %s", employerId, subscription.id,
                subscription.matchKeys);
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
}
