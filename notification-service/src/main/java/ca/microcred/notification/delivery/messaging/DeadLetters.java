package ca.microcred.notification.delivery.messaging;

import ca.microcred.notification.delivery.Delivery;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Records on {@code notifications.dlq} every delivery that ran out of attempts, keyed by delivery id, so operators
 * can alert on it and replay it; the delivery itself stays FAILED in the log and can be redelivered by hand.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String TOPIC = "notifications.dlq";
    public static final String CHANNEL = "notifications-dlq";

    private final Emitter<String> emitter;
    private final ObjectMapper json;

    public DeadLetters(@Channel(CHANNEL) Emitter<String> emitter, ObjectMapper json) {
        this.emitter = emitter;
        this.json = json;
    }

    public void record(Delivery delivery, String lastError, Instant failedAt) {
        ObjectNode record = json.createObjectNode()
                .put("deliveryId", delivery.id)
                .put("subscriptionId", delivery.subscriptionId)
                .put("employerId", delivery.employerId)
                .put("cohortId", delivery.cohortId)
                .put("attempts", delivery.attemptCount)
                .put("lastError", lastError)
                .put("failedAt", failedAt.toString())
                .put("payload", delivery.payload);
        CompletableFuture<Void> sent = new CompletableFuture<>();
        emitter.send(Message.of(record.toString())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(delivery.id).build())
                .withAck(() -> {
                    sent.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    // the delivery is FAILED in the store either way; the log line is the trace of the lost record
                    Log.errorf("Could not record failed delivery %s on %s: %s", delivery.id, TOPIC, failure.getMessage());
                    sent.complete(null);
                    return CompletableFuture.completedFuture(null);
                }));
    }
}
