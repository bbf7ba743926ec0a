package ca.microcred.contracts;

import ca.microcred.contracts.EventRejectedException.Reason;
import ca.microcred.contracts.EventRejectedException.Violation;
import ca.microcred.contracts.events.EventPayload;
import ca.microcred.contracts.events.EventType;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns events into Kafka records in CloudEvents binary mode and back, enforcing the contract on both sides:
 * what a producer encodes and what a consumer decodes must match the type's JSON Schema.
 *
 * <p>Thread-safe and cheap to create: the JSON Schemas are compiled once per JVM and every instance shares one
 * configured {@link ObjectMapper}.
 *
 * <p>Producer: {@code value = encodeData(envelope.data())}, {@code headers = binaryHeaders(envelope)},
 * {@code key = envelope.subject()}, topic {@code envelope.topic()}. Consumer: {@code decode(headers, value)}.
 */
public final class EventCodec {

    public static final String CE_SPECVERSION = "ce_specversion";
    public static final String CE_ID = "ce_id";
    public static final String CE_SOURCE = "ce_source";
    public static final String CE_TYPE = "ce_type";
    public static final String CE_SUBJECT = "ce_subject";
    public static final String CE_TIME = "ce_time";
    public static final String CE_DATASCHEMA = "ce_dataschema";
    /** In binary mode the CloudEvents {@code datacontenttype} travels as this plain header. */
    public static final String CONTENT_TYPE = "content-type";

    private static final List<String> REQUIRED_ATTRIBUTES = List.of(CE_ID, CE_SOURCE, CE_TYPE, CE_SUBJECT, CE_TIME);

    private static final ObjectMapper MAPPER = newMapper();
    /** Handed out separately so a caller that reconfigures it cannot change what the codec reads and writes. */
    private static final ObjectMapper SHARED_MAPPER = MAPPER.copy();

    /**
     * The mapper events are written and read with: java.time as ISO-8601 text, nulls left out, unknown
     * properties, duplicate keys and trailing content rejected. One instance per JVM; do not reconfigure it.
     */
    public ObjectMapper mapper() {
        return SHARED_MAPPER;
    }

    /**
     * The payload as JSON (UTF-8), after checking it against its schema, so a producer finds a contract breach
     * before any consumer has to dead-letter it.
     *
     * @throws EventRejectedException (SCHEMA_VIOLATION) when the payload does not match its schema
     */
    public byte[] encodeData(EventPayload payload) {
        Objects.requireNonNull(payload, "payload");
        EventType type = EventType.of(payload);
        JsonNode tree = MAPPER.valueToTree(payload);
        List<Violation> violations = Schemas.violations(type, tree);
        if (!violations.isEmpty()) {
            throw new EventRejectedException(Reason.SCHEMA_VIOLATION,
                    payload.getClass().getSimpleName() + " " + payload.subject() + " does not match "
                            + type.schemaUri(), violations);
        }
        try {
            return MAPPER.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write " + type.type(), e);
        }
    }

    /** The Kafka record headers of the event in binary mode, in a stable order. */
    public Map<String, String> binaryHeaders(EventEnvelope event) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CE_SPECVERSION, EventEnvelope.SPEC_VERSION);
        headers.put(CE_ID, event.id());
        headers.put(CE_SOURCE, event.source());
        headers.put(CE_TYPE, event.type());
        headers.put(CE_SUBJECT, event.subject());
        headers.put(CE_TIME, event.time().toString());
        headers.put(CE_DATASCHEMA, event.dataschema());
        headers.put(CONTENT_TYPE, event.datacontenttype());
        return Collections.unmodifiableMap(headers);
    }

    /**
     * Reads an event from Kafka record headers (binary mode) and value. Checks, in this order: spec version 1.0,
     * required attributes (id, source, type, subject, time), a known type, JSON content type and the type's own
     * dataschema when given, a parseable time, JSON data matching the schema (all violations are reported), and
     * a subject equal to the payload's aggregate id.
     *
     * @throws EventRejectedException naming the first failed check, with every schema violation and its path
     */
    public EventEnvelope decode(Map<String, String> headers, byte[] data) {
        Objects.requireNonNull(headers, "headers");
        String specVersion = headers.get(CE_SPECVERSION);
        String label = describe(headers);
        if (isBlank(specVersion)) {
            throw new EventRejectedException(Reason.MISSING_ATTRIBUTE,
                    label + " lacks the " + CE_SPECVERSION + " header; is it a CloudEvent in binary mode?");
        }
        if (!EventEnvelope.SPEC_VERSION.equals(specVersion.trim())) {
            throw new EventRejectedException(Reason.UNSUPPORTED_SPEC_VERSION,
                    label + " uses CloudEvents spec version " + specVersion + "; only "
                            + EventEnvelope.SPEC_VERSION + " is supported");
        }
        List<String> missing = REQUIRED_ATTRIBUTES.stream().filter(name -> isBlank(headers.get(name))).toList();
        if (!missing.isEmpty()) {
            throw new EventRejectedException(Reason.MISSING_ATTRIBUTE,
                    label + " lacks the required header" + (missing.size() > 1 ? "s " : " ")
                            + String.join(", ", missing));
        }
        String typeName = headers.get(CE_TYPE).trim();
        EventType type = EventType.fromType(typeName).orElseThrow(() -> new EventRejectedException(
                Reason.UNKNOWN_TYPE, label + " has the unknown type '" + typeName + "'; known types: "
                + Arrays.stream(EventType.values()).map(EventType::type).collect(Collectors.joining(", "))));
        String contentType = headers.get(CONTENT_TYPE);
        if (contentType != null && !isJson(contentType)) {
            throw new EventRejectedException(Reason.INVALID_ATTRIBUTE,
                    label + " has content-type '" + contentType + "'; expected " + EventEnvelope.JSON);
        }
        String dataschema = headers.get(CE_DATASCHEMA);
        if (dataschema != null && !dataschema.trim().equals(type.schemaUri())) {
            throw new EventRejectedException(Reason.INVALID_ATTRIBUTE,
                    label + " declares dataschema '" + dataschema + "' but " + type.type() + " data follows "
                            + type.schemaUri());
        }
        Instant time = parseTime(label, headers.get(CE_TIME).trim());

        JsonNode tree = parse(type, label, data);
        List<Violation> violations = Schemas.violations(type, tree);
        if (!violations.isEmpty()) {
            throw new EventRejectedException(Reason.SCHEMA_VIOLATION,
                    label + " data does not match " + type.schemaUri(), violations);
        }
        EventPayload payload = bind(type, label, tree);
        String subject = headers.get(CE_SUBJECT).trim();
        if (!subject.equals(payload.subject())) {
            throw new EventRejectedException(Reason.INVALID_ATTRIBUTE,
                    label + " has subject '" + subject + "' but its data belongs to '" + payload.subject() + "'");
        }
        return new EventEnvelope(headers.get(CE_ID).trim(), headers.get(CE_SOURCE).trim(), type.type(), subject,
                time, type.schemaUri(), EventEnvelope.JSON, payload);
    }

    /**
     * Parses event data and checks it against the type's schema without binding it to the record; for tools and
     * tests that look at the JSON itself.
     *
     * @throws EventRejectedException MALFORMED_JSON or SCHEMA_VIOLATION (with every violation)
     */
    public JsonNode validate(EventType type, byte[] data) {
        Objects.requireNonNull(type, "type");
        String label = type.type() + " data";
        JsonNode tree = parse(type, label, data);
        List<Violation> violations = Schemas.violations(type, tree);
        if (!violations.isEmpty()) {
            throw new EventRejectedException(Reason.SCHEMA_VIOLATION,
                    label + " does not match " + type.schemaUri(), violations);
        }
        return tree;
    }

    /**
     * Checks event data already held as a JSON tree against the type's schema, for a producer that writes the
     * data itself (embedding a document it has serialised anyway, say) and must not copy or parse it again to
     * have it checked. The tree must be exactly what is written; {@link #encodeData} stays the way for records.
     *
     * @throws EventRejectedException SCHEMA_VIOLATION (with every violation)
     */
    public void validate(EventType type, JsonNode data) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        List<Violation> violations = Schemas.violations(type, data);
        if (!violations.isEmpty()) {
            throw new EventRejectedException(Reason.SCHEMA_VIOLATION,
                    type.type() + " data does not match " + type.schemaUri(), violations);
        }
    }

    private static JsonNode parse(EventType type, String label, byte[] data) {
        if (data == null || data.length == 0) {
            throw new EventRejectedException(Reason.MALFORMED_JSON, label + " carries no data; "
                    + type.type() + " needs a JSON object");
        }
        try {
            JsonNode tree = MAPPER.readTree(data);
            if (tree == null || tree.isMissingNode()) {
                throw new EventRejectedException(Reason.MALFORMED_JSON, label + " carries no JSON document");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new EventRejectedException(Reason.MALFORMED_JSON,
                    label + " is not valid JSON: " + e.getOriginalMessage() + locationOf(e), e);
        } catch (IOException e) {
            throw new EventRejectedException(Reason.MALFORMED_JSON, label + " could not be read: " + e.getMessage(), e);
        }
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static EventPayload bind(EventType type, String label, JsonNode tree) {
        try {
            return MAPPER.treeToValue(tree, type.payloadType());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // The schema mirrors the record, so this only happens if the two drift apart.
            throw new EventRejectedException(Reason.SCHEMA_VIOLATION,
                    label + " matches " + type.schemaUri() + " but not " + type.payloadType().getSimpleName()
                            + ": " + e.getMessage(), e);
        }
    }

    private static Instant parseTime(String label, String value) {
        try {
            Instant instant = UtcTimestamps.parse(value);
            return instant != null ? instant : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new EventRejectedException(Reason.INVALID_ATTRIBUTE,
                    label + " has " + CE_TIME + " '" + value + "', which is not an RFC 3339 timestamp", e);
        }
    }

    private static boolean isJson(String contentType) {
        int parameters = contentType.indexOf(';');
        String mediaType = (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim();
        return EventEnvelope.JSON.equalsIgnoreCase(mediaType);
    }

    /** How the event is named in messages: its id and type, as far as the headers tell. */
    private static String describe(Map<String, String> headers) {
        String id = headers.get(CE_ID);
        String type = headers.get(CE_TYPE);
        return "Event " + (isBlank(id) ? "without id" : id) + (isBlank(type) ? "" : " (" + type.trim() + ")");
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                // registered after the module, so it reads Instants in its place
                .addModule(new SimpleModule("utc-timestamps").addDeserializer(Instant.class,
                        new UtcTimestamps.Deserializer()))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }

    /** The compiled schemas, loaded when the first codec needs them. */
    private static final class Schemas {

        private static final Map<EventType, JsonSchema> BY_TYPE = load();

        static List<Violation> violations(EventType type, JsonNode tree) {
            Set<ValidationMessage> messages = BY_TYPE.get(type).validate(tree);
            // Two rules can flag the same spot with the same words (a required field demanded by two conditions).
            Set<Violation> violations = new LinkedHashSet<>();
            for (ValidationMessage message : messages) {
                violations.add(toViolation(message));
            }
            return List.copyOf(violations);
        }

        /** Points at the offending property itself, not at its parent, for missing and unexpected properties. */
        private static Violation toViolation(ValidationMessage message) {
            String location = message.getInstanceLocation().toString();
            String path = location;
            if (message.getProperty() != null
                    && ("required".equals(message.getType()) || "additionalProperties".equals(message.getType()))) {
                path = message.getInstanceLocation().append(message.getProperty()).toString();
            }
            String text = message.getMessage();
            if (text.startsWith(location + ": ")) {
                text = text.substring(location.length() + 2);
            }
            return new Violation(path, text);
        }

        private static Map<EventType, JsonSchema> load() {
            JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                    .pathType(PathType.JSON_PATH)
                    .formatAssertionsEnabled(true)
                    .locale(Locale.ENGLISH)
                    .build();
            Map<EventType, JsonSchema> schemas = new EnumMap<>(EventType.class);
            for (EventType type : EventType.values()) {
                JsonNode document = read(type.schemaResource());
                String id = document.path("$id").asText();
                if (!type.schemaUri().equals(id)) {
                    throw new IllegalStateException(type.schemaResource() + " has $id '" + id + "', expected "
                            + type.schemaUri());
                }
                JsonSchema schema = factory.getSchema(SchemaLocation.of(id), document, config);
                // Compiled up front: lazy initialisation on first validation is not safe across threads.
                schema.initializeValidators();
                schemas.put(type, schema);
            }
            return schemas;
        }

        private static JsonNode read(String resource) {
            try (InputStream in = EventCodec.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("Schema " + resource + " is missing from the classpath");
                }
                return MAPPER.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read schema " + resource, e);
            }
        }
    }
}
