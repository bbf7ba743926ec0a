package ca.microcred.contracts;

import ca.microcred.contracts.EventRejectedException.Reason;
import ca.microcred.contracts.EventRejectedException.Violation;
import ca.microcred.contracts.events.CohortCompleted;
import ca.microcred.contracts.events.CredentialIssued;
import ca.microcred.contracts.events.EventPayload;
import ca.microcred.contracts.events.EventType;
import ca.microcred.contracts.events.LocalizedText;
import ca.microcred.contracts.events.ProviderRegistered;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventCodecTest {

    private static final String SOURCE = "/issuer-service";

    private final EventCodec codec = new EventCodec();
    private final ObjectMapper mapper = codec.mapper();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventRoundTripsThroughKafkaBinaryMode(EventType type) {
        EventEnvelope sent = EventEnvelope.of(SOURCE, EventSamples.sample(type));

        EventEnvelope received = codec.decode(codec.binaryHeaders(sent), codec.encodeData(sent.data()));

        assertEquals(sent, received);
        assertEquals(type, received.eventType());
        assertEquals(type.topic(), received.topic());
    }

    @Test
    void headersCarryTheCloudEventsAttributes() {
        EventEnvelope event = EventEnvelope.of(SOURCE, EventSamples.cohortCompleted()).withId("evt-1")
                .withTime(Instant.parse("2025-06-12T18:30:00.5Z"));

        assertEquals(Map.of(
                "ce_specversion", "1.0",
                "ce_id", "evt-1",
                "ce_source", SOURCE,
                "ce_type", "ca.microcred.cohort.completed.v1",
                "ce_subject", "cohort-2025-printemps",
                "ce_time", "2025-06-12T18:30:00.500Z",
                "ce_dataschema", "https://microcred.ca/schemas/cohort.completed.v1.json",
                "content-type", "application/json"), codec.binaryHeaders(event));
        assertEquals("cohort-2025-printemps", event.key());
        assertEquals("cohorts.events", event.topic());
    }

    @Test
    void dataIsCompactJsonWithIsoInstantsAndNoNulls() throws Exception {
        CredentialIssued unsignedJsonLdOnly = new CredentialIssued("cred-1", "ach-1", "prov-1", null,
                "sha256$" + "ab".repeat(32), null, EventSamples.T0, EventSamples.T0, null, "none",
                EventSamples.json("{\"id\":\"urn:uuid:1\"}"), null, null);

        String json = new String(codec.encodeData(unsignedJsonLdOnly), StandardCharsets.UTF_8);

        assertEquals("{\"credentialId\":\"cred-1\",\"achievementId\":\"ach-1\",\"providerId\":\"prov-1\","
                + "\"recipientHash\":\"sha256$" + "ab".repeat(32) + "\","
                + "\"issuedAt\":\"2025-06-12T18:30:00.123456789Z\",\"validFrom\":\"2025-06-12T18:30:00.123456789Z\","
                + "\"proofFormat\":\"none\",\"credential\":{\"id\":\"urn:uuid:1\"}}", json);
        EventEnvelope back = codec.decode(codec.binaryHeaders(EventEnvelope.of(SOURCE, unsignedJsonLdOnly)),
                json.getBytes(StandardCharsets.UTF_8));
        assertEquals(unsignedJsonLdOnly, back.data());
        assertNull(((CredentialIssued) back.data()).credentialJwt());
    }

    @Test
    void frenchAccentsSurviveTheRoundTrip() {
        ProviderRegistered provider = new ProviderRegistered("prov-uqac",
                new LocalizedText("Université du Québec à Chicoutimi", "Université du Québec à Chicoutimi — Éducation"
                        + " permanente, « microcertifications »"),
                "https://www.uqac.ca", "fc@uqac.ca", "QC", "université", null, EventSamples.T0);
        EventEnvelope sent = EventEnvelope.of("/registry-service/région-02", provider);

        byte[] data = codec.encodeData(provider);
        Map<String, String> headers = transported(codec.binaryHeaders(sent));
        EventEnvelope received = codec.decode(headers, data);

        assertTrue(new String(data, StandardCharsets.UTF_8).contains("Québec à Chicoutimi — Éducation"),
                "UTF-8 text, not escapes");
        assertEquals(sent, received);
        assertEquals("Université du Québec à Chicoutimi — Éducation permanente, « microcertifications »",
                ((ProviderRegistered) received.data()).name().in("fr"));
    }

    @Test
    void timeWithAnOffsetIsReadAsTheSameInstant() {
        EventEnvelope sent = EventEnvelope.of(SOURCE, EventSamples.providerRegistered());
        Map<String, String> headers = new HashMap<>(codec.binaryHeaders(sent));
        headers.put("ce_time", "2025-06-12T14:30:00-04:00");

        EventEnvelope received = codec.decode(headers, codec.encodeData(sent.data()));

        assertEquals(Instant.parse("2025-06-12T18:30:00Z"), received.time());
    }

    @Test
    void unknownTypeIsRejectedByName() {
        Map<String, String> headers = headersFor(EventSamples.cohortCompleted());
        headers.put("ce_type", "ca.microcred.cohort.completed.v2");

        EventRejectedException e = reject(headers, codec.encodeData(EventSamples.cohortCompleted()));

        assertEquals(Reason.UNKNOWN_TYPE, e.reason());
        assertTrue(e.getMessage().contains("'ca.microcred.cohort.completed.v2'"), e.getMessage());
        assertTrue(e.getMessage().contains("ca.microcred.cohort.completed.v1"), "lists the known types");
    }

    @Test
    void missingIdIsRejected() {
        Map<String, String> headers = headersFor(EventSamples.cohortCompleted());
        headers.remove("ce_id");

        EventRejectedException e = reject(headers, codec.encodeData(EventSamples.cohortCompleted()));

        assertEquals(Reason.MISSING_ATTRIBUTE, e.reason());
        assertEquals("Event without id (ca.microcred.cohort.completed.v1) lacks the required header ce_id",
                e.getMessage());
    }

    @Test
    void everyMissingAttributeIsNamed() {
        Map<String, String> headers = headersFor(EventSamples.cohortCompleted());
        headers.remove("ce_source");
        headers.put("ce_subject", " ");
        headers.remove("ce_time");

        EventRejectedException e = reject(headers, codec.encodeData(EventSamples.cohortCompleted()));

        assertEquals(Reason.MISSING_ATTRIBUTE, e.reason());
        assertTrue(e.getMessage().endsWith("lacks the required headers ce_source, ce_subject, ce_time"),
                e.getMessage());
    }

    @Test
    void recordWithoutCloudEventsHeadersIsRejected() {
        EventRejectedException e = reject(new HashMap<>(), "{}".getBytes(StandardCharsets.UTF_8));

        assertEquals(Reason.MISSING_ATTRIBUTE, e.reason());
        assertTrue(e.getMessage().contains("ce_specversion"), e.getMessage());
    }

    @Test
    void otherSpecVersionsAreRejected() {
        Map<String, String> headers = headersFor(EventSamples.cohortCompleted());
        headers.put("ce_specversion", "0.3");

        EventRejectedException e = reject(headers, codec.encodeData(EventSamples.cohortCompleted()));

        assertEquals(Reason.UNSUPPORTED_SPEC_VERSION, e.reason());
        assertTrue(e.getMessage().contains("0.3"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"cohortId\": \"c-1\", ", "", "not json", "{} {}", "{\"cohortId\":\"a\",\"cohortId\":\"b\"}"})
    void malformedJsonIsRejected(String data) {
        EventRejectedException e = reject(headersFor(EventSamples.cohortCompleted()),
                data.getBytes(StandardCharsets.UTF_8));

        assertEquals(Reason.MALFORMED_JSON, e.reason());
        assertTrue(e.getMessage().startsWith("Event "), e.getMessage());
    }

    @Test
    void missingDataIsRejected() {
        EventRejectedException e = reject(headersFor(EventSamples.cohortCompleted()), null);

        assertEquals(Reason.MALFORMED_JSON, e.reason());
        assertTrue(e.getMessage().contains("carries no data"), e.getMessage());
    }

    @Test
    void negativeCountIsRejectedAtItsPath() {
        EventRejectedException e = rejectCohort(json -> json.put("enrolled", -1));

        assertEquals(Reason.SCHEMA_VIOLATION, e.reason());
        assertEquals(List.of("$.enrolled"), paths(e));
        assertTrue(e.getMessage().contains("$.enrolled: must have a minimum value of 0"), e.getMessage());
    }

    @Test
    void unknownProvinceIsRejectedAtItsPath() {
        EventRejectedException e = rejectCohort(json -> json.put("province", "Québec"));

        assertEquals(List.of("$.province"), paths(e));
        assertTrue(e.violations().get(0).message().contains("AB"), "lists the allowed codes");
    }

    @Test
    void lowercaseEnumValuesAreRejected() {
        EventRejectedException e = rejectCohort(json -> json.put("deliveryMode", "online"));

        assertEquals(List.of("$.deliveryMode"), paths(e));
    }

    @Test
    void missingRequiredFieldIsRejectedAtItsPath() {
        EventRejectedException e = rejectCohort(json -> json.remove("cohortId"));

        assertEquals(Reason.SCHEMA_VIOLATION, e.reason());
        assertEquals(List.of("$.cohortId"), paths(e));
    }

    @Test
    void extraPropertyIsRejectedAtItsPath() {
        EventRejectedException e = rejectCohort(json -> json.put("favouriteColour", "rouge"));

        assertEquals(List.of("$.favouriteColour"), paths(e));
    }

    @Test
    void nestedViolationsAreRejectedAtTheirPaths() {
        EventRejectedException e = rejectCohort(json -> {
            ObjectNode graduate = (ObjectNode) json.withArray("graduates").get(0);
            graduate.put("email", "chloé at example");
            graduate.put("cv", "attached");
            ((ArrayNode) graduate.get("portfolioLinks")).add("not a uri");
        });

        assertEquals(List.of("$.graduates[0].cv", "$.graduates[0].email", "$.graduates[0].portfolioLinks[1]"),
                paths(e).stream().sorted().toList());
    }

    @Test
    void everyViolationIsListed() {
        EventRejectedException e = rejectCohort(json -> {
            json.put("passed", -3);
            json.put("completedAt", "yesterday");
            json.remove("providerId");
            json.put("language", 7);
        });

        assertEquals(List.of("$.completedAt", "$.language", "$.passed", "$.providerId"),
                paths(e).stream().sorted().toList());
        for (String path : paths(e)) {
            assertTrue(e.getMessage().contains(path + ": "), e.getMessage());
        }
    }

    @Test
    void wrongShapeOfDataIsAViolationNotACrash() {
        EventRejectedException e = reject(headersFor(EventSamples.cohortCompleted()),
                "[1, 2]".getBytes(StandardCharsets.UTF_8));

        assertEquals(Reason.SCHEMA_VIOLATION, e.reason());
        assertEquals(List.of("$"), paths(e));
    }

    @Test
    void credentialMustTravelAsDocumentOrJwt() {
        CredentialIssued issued = EventSamples.credentialIssued();
        Map<String, String> headers = headersFor(issued);
        ObjectNode json = mapper.valueToTree(issued);
        json.remove("credentialJwt");
        json.put("credential", (String) null);
        json.put("proofFormat", "none");

        EventRejectedException neither = reject(headers, bytes(json));
        assertEquals(Reason.SCHEMA_VIOLATION, neither.reason());

        json.put("proofFormat", "vc-jwt");
        json.set("credential", mapper.valueToTree(issued).get("credential"));
        EventRejectedException jwtMissing = reject(headers, bytes(json));
        assertTrue(paths(jwtMissing).contains("$.credentialJwt"), jwtMissing.getMessage());

        json.put("proofFormat", "eddsa-rdfc-2022");
        EventRejectedException proofMissing = reject(headers, bytes(json));
        assertTrue(paths(proofMissing).contains("$.credential.proof"), proofMissing.getMessage());
    }

    @Test
    void dataHeldAsATreeIsCheckedAgainstTheSameSchema() {
        ObjectNode json = mapper.valueToTree(EventSamples.credentialIssued());
        assertDoesNotThrow(() -> codec.validate(EventType.CREDENTIAL_ISSUED, json));

        json.put("recipientHash", "md5$abc");
        json.put("proofFormat", "eddsa-rdfc-2022");
        ((ObjectNode) json.get("credential")).remove("proof");
        EventRejectedException e = assertThrows(EventRejectedException.class,
                () -> codec.validate(EventType.CREDENTIAL_ISSUED, json));

        assertEquals(Reason.SCHEMA_VIOLATION, e.reason());
        assertTrue(paths(e).containsAll(List.of("$.recipientHash", "$.credential.proof")), e.getMessage());
    }

    @Test
    void jwtOnlyCredentialNeedsNoDocument() {
        CredentialIssued sample = EventSamples.credentialIssued();
        CredentialIssued jwtOnly = new CredentialIssued(sample.credentialId(), sample.achievementId(),
                sample.providerId(), sample.cohortId(), sample.recipientHash(), sample.recipientSalt(),
                sample.issuedAt(), sample.validFrom(), sample.validUntil(), "vc-jwt", null, sample.credentialJwt(),
                sample.publicUrl());
        EventEnvelope sent = EventEnvelope.of(SOURCE, jwtOnly);

        assertEquals(sent, codec.decode(codec.binaryHeaders(sent), codec.encodeData(jwtOnly)));
    }

    @Test
    void subjectMustBeThePayloadsAggregate() {
        Map<String, String> headers = headersFor(EventSamples.cohortCompleted());
        headers.put("ce_subject", "cohort-other");

        EventRejectedException e = reject(headers, codec.encodeData(EventSamples.cohortCompleted()));

        assertEquals(Reason.INVALID_ATTRIBUTE, e.reason());
        assertTrue(e.getMessage().contains("'cohort-other'"), e.getMessage());
    }

    @Test
    void foreignDataschemaIsRejected() {
        Map<String, String> headers = headersFor(EventSamples.cohortCompleted());
        headers.put("ce_dataschema", "https://microcred.ca/schemas/cohort.completed.v2.json");

        assertEquals(Reason.INVALID_ATTRIBUTE,
                reject(headers, codec.encodeData(EventSamples.cohortCompleted())).reason());
    }

    @Test
    void nonJsonContentTypeIsRejectedButCharsetParameterIsFine() {
        Map<String, String> headers = headersFor(EventSamples.cohortCompleted());
        byte[] data = codec.encodeData(EventSamples.cohortCompleted());
        headers.put("content-type", "application/json; charset=utf-8");
        assertEquals(EventSamples.cohortCompleted(), codec.decode(headers, data).data());

        headers.put("content-type", "application/avro");
        assertEquals(Reason.INVALID_ATTRIBUTE, reject(headers, data).reason());
    }

    @Test
    void malformedTimeIsRejected() {
        Map<String, String> headers = headersFor(EventSamples.cohortCompleted());
        headers.put("ce_time", "12/06/2025");

        EventRejectedException e = reject(headers, codec.encodeData(EventSamples.cohortCompleted()));

        assertEquals(Reason.INVALID_ATTRIBUTE, e.reason());
        assertTrue(e.getMessage().contains("12/06/2025"), e.getMessage());
    }

    @Test
    void producerCannotEncodeAPayloadThatBreaksTheContract() {
        CohortCompleted sample = EventSamples.cohortCompleted();
        CohortCompleted broken = new CohortCompleted(sample.cohortId(), sample.completionId(), sample.achievementId(),
                sample.providerId(), sample.achievementName(), "XX", sample.deliveryMode(), sample.language(),
                sample.completedAt(), 10, 12, -1, sample.graduates());

        EventRejectedException e = assertThrows(EventRejectedException.class, () -> codec.encodeData(broken));

        assertEquals(Reason.SCHEMA_VIOLATION, e.reason());
        assertEquals(List.of("$.passed", "$.province"), paths(e).stream().sorted().toList());
    }

    @Test
    void oneCodecServesManyThreads() throws Exception {
        List<EventEnvelope> events = IntStream.range(0, 400)
                .mapToObj(i -> EventEnvelope.of(SOURCE, EventSamples.sample(EventType.values()[i % EventType.values().length])))
                .toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<EventEnvelope>> decoded = events.stream()
                    .map(event -> pool.submit(() -> codec.decode(codec.binaryHeaders(event),
                            codec.encodeData(event.data()))))
                    .toList();
            for (int i = 0; i < events.size(); i++) {
                assertEquals(events.get(i), decoded.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sharedMapperCannotChangeTheCodec() {
        codec.mapper().configure(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, true);
        try {
            EventEnvelope sent = EventEnvelope.of(SOURCE, EventSamples.providerRegistered());
            assertEquals(sent, codec.decode(codec.binaryHeaders(sent), codec.encodeData(sent.data())));
        } finally {
            codec.mapper().configure(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS,
                    false);
        }
    }

    private EventRejectedException rejectCohort(Consumer<ObjectNode> change) {
        CohortCompleted cohort = EventSamples.cohortCompleted();
        ObjectNode json = mapper.valueToTree(cohort);
        change.accept(json);
        return reject(headersFor(cohort), bytes(json));
    }

    private EventRejectedException reject(Map<String, String> headers, byte[] data) {
        return assertThrows(EventRejectedException.class, () -> codec.decode(headers, data));
    }

    private Map<String, String> headersFor(EventPayload payload) {
        return new HashMap<>(codec.binaryHeaders(EventEnvelope.of(SOURCE, payload)));
    }

    private byte[] bytes(ObjectNode json) {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> paths(EventRejectedException e) {
        return e.violations().stream().map(Violation::path).toList();
    }

    /** What a consumer sees: Kafka carries header values as bytes; the services use UTF-8 both ways. */
    private static Map<String, String> transported(Map<String, String> headers) {
        Map<String, String> received = new HashMap<>();
        headers.forEach((name, value) -> received.put(name,
                new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)));
        return received;
    }
}
