package ca.microcred.support.messaging;

import ca.microcred.contracts.EventCodec;
import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.EventRejectedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Transport side of every consumer: decodes the CloudEvent, hands it to the service, acknowledges on success.
 * An event that is not a valid contract event, or that keeps failing, is nacked; the channel's dead-letter
 * strategy then moves it to {@code <topic>.dlq} with the reason, so one bad record never blocks its partition.
 */
@ApplicationScoped
public class InboundEvents {

    private static final int ATTEMPTS = 3;

    private final EventCodec codec;
    private final MeterRegistry metrics;

    public InboundEvents(EventCodec codec, MeterRegistry metrics) {
        this.codec = codec;
        this.metrics = metrics;
    }

    /** Handlers must be idempotent: a redelivered event is handed over again. */
    @FunctionalInterface
    public interface Handler {
        void handle(EventEnvelope event) throws Exception;
    }

    public CompletionStage<Void> process(Message<byte[]> message, Handler handler) {
        String topic = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getTopic).orElse("unknown");
        EventEnvelope event;
        try {
            event = codec.decode(headersOf(message), message.getPayload());
        } catch (EventRejectedException e) {
            Log.warnf("Rejected event on %s: %s", topic, e.getMessage());
            metrics.counter("microcred.events.dead.lettered", "topic", topic, "reason", e.reason().name()).increment();
            return message.nack(e);
        }
        Exception last = null;
        int attempt = 0;
        while (true) {
            attempt++;
            try {
                handler.handle(event);
                metrics.counter("microcred.events.consumed", "topic", topic, "type", event.type()).increment();
                return message.ack();
            } catch (EventRejectedException e) {
                // the event is valid but not for this consumer (e.g. a type on the wrong topic): no retry helps
                Log.warnf("Event %s (%s) rejected by its handler: %s", event.id(), event.type(), e.getMessage());
                metrics.counter("microcred.events.dead.lettered", "topic", topic, "reason", e.reason().name()).increment();
                return message.nack(e);
            } catch (Exception e) {
                last = e;
                if (storeUnavailable(e)) {
                    // nothing on this partition can be processed while the store is down; waiting loses nothing,
                    // dead-lettering would set aside good events
                    Log.warnf("Store unavailable while handling event %s (%s), retrying: %s", event.id(), event.type(),
                            e.getMessage());
                    sleep(Duration.ofMillis(Math.min(5_000, 200L * attempt)));
                    if (Thread.currentThread().isInterrupted()) {
                        // shutting down: leave the offset uncommitted so the event is delivered again after restart
                        return java.util.concurrent.CompletableFuture.failedFuture(e);
                    }
                    continue;
                }
                if (attempt >= ATTEMPTS) {
                    break;
                }
                Log.warnf("Event %s (%s) failed on attempt %d: %s", event.id(), event.type(), attempt, e.getMessage());
                sleep(Duration.ofMillis(100L * attempt * attempt));
            }
        }
        Log.errorf(last, "Event %s (%s) moved to the dead-letter topic", event.id(), event.type());
        metrics.counter("microcred.events.dead.lettered", "topic", topic, "reason", "PROCESSING_FAILED").increment();
        return message.nack(last);
    }

    private static boolean storeUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MongoSocketException || t instanceof MongoTimeoutException
                    || t instanceof MongoNotPrimaryException || t instanceof MongoNodeIsRecoveringException) {
                return true;
            }
        }
        return false;
    }

    static Map<String, String> headersOf(Message<byte[]> message) {
        Map<String, String> headers = new HashMap<>();
        message.getMetadata(IncomingKafkaRecordMetadata.class).ifPresent(meta -> {
            for (Header header : meta.getHeaders()) {
                if (header.value() != null) {
                    headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
                }
            }
        });
        return headers;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
