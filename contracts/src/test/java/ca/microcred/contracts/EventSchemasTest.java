package ca.microcred.contracts;

import ca.microcred.contracts.events.CredentialRevoked;
import ca.microcred.contracts.events.DeliveryMode;
import ca.microcred.contracts.events.EventPayload;
import ca.microcred.contracts.events.EventType;
import ca.microcred.contracts.events.ProviderAccreditationChanged;
import ca.microcred.contracts.events.Province;
import ca.microcred.contracts.events.SkillFramework;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventSchemasTest {

    private final EventCodec codec = new EventCodec();
    private final ObjectMapper mapper = codec.mapper();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaIsAValidDraft202012SchemaNamedAfterItsType(EventType type) {
        JsonNode schema = schema(type);
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText());
        assertEquals(type.schemaUri(), schema.path("$id").asText());
        assertEquals(false, schema.path("additionalProperties").asBoolean(true),
                "a v1 schema is closed; new fields mean a new versioned type");

        JsonSchema metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        Set<ValidationMessage> problems = metaSchema.validate(schema);
        assertTrue(problems.isEmpty(), () -> type.schemaResource() + ": " + problems);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaDeclaresExactlyTheRecordsComponents(EventType type) {
        Set<String> components = Arrays.stream(type.payloadType().getRecordComponents())
                .map(c -> c.getName()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> properties = new TreeSet<>();
        schema(type).path("properties").fieldNames().forEachRemaining(properties::add);
        assertEquals(components, properties);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void sampleSerialisesToJsonThatValidatesAgainstItsSchema(EventType type) throws Exception {
        EventPayload sample = EventSamples.sample(type);
        assertEquals(type.payloadType(), sample.getClass());

        byte[] json = mapper.writeValueAsBytes(sample);
        JsonNode validated = assertDoesNotThrow(() -> codec.validate(type, json));

        Set<String> written = new TreeSet<>();
        validated.fieldNames().forEachRemaining(written::add);
        Set<String> declared = new TreeSet<>();
        schema(type).path("properties").fieldNames().forEachRemaining(declared::add);
        assertEquals(declared, written, "the sample fills every property, so every property is validated");
    }

    @Test
    void schemaEnumsAreTheJavaEnums() {
        assertEnum(Province.values(), EventType.PROVIDER_REGISTERED, "/$defs/province/enum");
        assertEnum(Province.values(), EventType.COHORT_COMPLETED, "/$defs/province/enum");
        assertEnum(DeliveryMode.values(), EventType.ACHIEVEMENT_PUBLISHED, "/$defs/deliveryMode/enum");
        assertEnum(DeliveryMode.values(), EventType.COHORT_COMPLETED, "/properties/deliveryMode/enum");
        assertEnum(SkillFramework.values(), EventType.ACHIEVEMENT_PUBLISHED,
                "/$defs/skillAlignment/properties/framework/enum");
        assertEnum(CredentialRevoked.Action.values(), EventType.CREDENTIAL_REVOKED, "/properties/action/enum");
        assertEnum(ProviderAccreditationChanged.State.values(), EventType.PROVIDER_ACCREDITATION_CHANGED,
                "/$defs/state/enum");
    }

    @Test
    void provincesAndTerritoriesAreAllThirteen() {
        assertEquals(List.of("AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"),
                Arrays.stream(Province.values()).map(Enum::name).toList());
    }

    private void assertEnum(Enum<?>[] javaValues, EventType type, String pointer) {
        JsonNode values = schema(type).at(pointer);
        assertTrue(values.isArray(), () -> type.schemaResource() + " has no enum at " + pointer);
        List<String> inSchema = StreamSupport.stream(values.spliterator(), false).map(JsonNode::asText).toList();
        List<String> inJava = new ArrayList<>();
        for (Enum<?> value : javaValues) {
            inJava.add(value.name());
        }
        assertEquals(inJava, inSchema, type.schemaResource() + pointer);
    }

    private JsonNode schema(EventType type) {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(type.schemaResource())) {
            assertNotNull(in, type.schemaResource() + " is on the classpath");
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
