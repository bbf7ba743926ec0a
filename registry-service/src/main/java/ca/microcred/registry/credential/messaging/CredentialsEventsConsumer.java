package ca.microcred.registry.credential.messaging;

import ca.microcred.contracts.EventCodec;
import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.EventRejectedException;
import ca.microcred.contracts.Topics;
import ca.microcred.contracts.events.CredentialIssued;
import ca.microcred.contracts.events.CredentialRevoked;
import ca.microcred.contracts.events.EventType;
import ca.microcred.registry.credential.service.CredentialRegistry;
import ca.microcred.registry.ingest.ProcessedEvents;
import ca.microcred.support.messaging.InboundEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Feeds credentials.events into the credential records, a poll's worth of records at a time (the channel is
 * configured with {@code batch=true}). Issuances, the bulk of the traffic, of credentials the registry has not seen
 * are recorded together with a few writes for the whole batch; every other record (status changes, issuances of
 * credentials that already have a record, anything invalid, and everything of a batch whose bulk write failed)
 * goes one by one through {@link InboundEvents}, which retries and dead-letters it on its own, so one poison record
 * still never holds back the rest. Each record is acknowledged on its own.
 */
@ApplicationScoped
public class CredentialsEventsConsumer {

    private final InboundEvents inbound;
    private final ProcessedEvents processed;
    private final CredentialRegistry registry;
    private final EventCodec codec;
    private final MeterRegistry metrics;

    public CredentialsEventsConsumer(InboundEvents inbound, ProcessedEvents processed, CredentialRegistry registry,
                                     EventCodec codec, MeterRegistry metrics) {
        this.inbound = inbound;
        this.processed = processed;
        this.registry = registry;
        this.codec = codec;
        this.metrics = metrics;
    }

    @Incoming(Topics.CREDENTIALS)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        List<KafkaRecord<String, byte[]>> records = batch.getRecords();
        Map<EventEnvelope, KafkaRecord<String, byte[]>> issuances = new IdentityHashMap<>();
        List<EventEnvelope> issued = new ArrayList<>();
        for (KafkaRecord<String, byte[]> record : records) {
            EventEnvelope event = decodeOrNull(record);
            if (event != null && event.eventType() == EventType.CREDENTIAL_ISSUED) {
                issuances.put(event, record);
                issued.add(event);
            }
        }
        Set<KafkaRecord<String, byte[]>> oneByOne = new HashSet<>(records);
        List<CompletionStage<Void>> acks = new ArrayList<>();
        if (!issued.isEmpty()) {
            List<EventEnvelope> leftover;
            try {
                leftover = registry.issuedAll(issued);
            } catch (RuntimeException e) {
                // nothing is lost: each event of the batch is handled again on its own, idempotently
                Log.warnf("Batch of %d issuance events failed, handling them one by one: %s", issued.size(),
                        e.getMessage());
                leftover = issued;
            }
            Set<EventEnvelope> notDone = Collections.newSetFromMap(new IdentityHashMap<>());
            notDone.addAll(leftover);
            for (EventEnvelope event : issued) {
                if (!notDone.contains(event)) {
                    KafkaRecord<String, byte[]> record = issuances.get(event);
                    oneByOne.remove(record);
                    metrics.counter("microcred.events.consumed", "topic", Topics.CREDENTIALS, "type", event.type())
                            .increment();
                    acks.add(record.ack());
                }
            }
        }
        for (KafkaRecord<String, byte[]> record : records) {
            if (oneByOne.contains(record)) {
                acks.add(inbound.process(record, this::handle));
            }
        }
        return CompletableFuture.allOf(acks.stream().map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture[]::new));
    }

    void handle(EventEnvelope event) {
        switch (event.eventType()) {
            case CREDENTIAL_ISSUED -> processed.once(event,
                    () -> registry.issued(event.id(), (CredentialIssued) event.data()));
            case CREDENTIAL_REVOKED -> processed.once(event,
                    () -> registry.statusChanged(event.id(), (CredentialRevoked) event.data()));
            default -> throw new EventRejectedException(EventRejectedException.Reason.INVALID_ATTRIBUTE,
                    "Event " + event.id() + " (" + event.type() + ") does not belong on " + Topics.CREDENTIALS);
        }
    }

    /** The event, or null when the record is not a valid event; {@link InboundEvents} then says why. */
    private EventEnvelope decodeOrNull(KafkaRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.getHeaders()) {
            if (header.value() != null) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        try {
            return codec.decode(headers, record.getPayload());
        } catch (EventRejectedException e) {
            return null;
        }
    }
}
