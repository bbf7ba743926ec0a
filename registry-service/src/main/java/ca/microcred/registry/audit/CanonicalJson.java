package ca.microcred.registry.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * JSON with object keys sorted at every level, instants as ISO-8601 text and no insignificant whitespace: the same
 * state always gives the same bytes, whichever map or record it came from, so its hash can be recomputed later.
 */
public final class CanonicalJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule()
                    .addSerializer(ObjectId.class, ToStringSerializer.instance)
                    .addSerializer(Decimal128.class, ToStringSerializer.instance)
                    .addSerializer(Date.class, new DateAsInstant()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private static final HexFormat HEX = HexFormat.of();
    /** A digest per thread: getting one from the providers costs more than hashing a small record. */
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    });

    private CanonicalJson() {
    }

    public static String of(Object value) {
        JsonNode tree = value instanceof JsonNode node ? node : MAPPER.valueToTree(value);
        try {
            return MAPPER.writeValueAsString(sorted(tree));
        } catch (IOException e) {
            throw new IllegalStateException("State cannot be written as JSON", e);
        }
    }

    /** A generator writing JSON exactly as {@link #of} does, for callers that write their fields in sorted order. */
    static JsonGenerator generator(Writer out) throws IOException {
        return MAPPER.createGenerator(out);
    }

    public static String sha256(String text) {
        MessageDigest digest = DIGEST.get();
        digest.reset();
        return HEX.formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * {@code sha256(of(value))}, without the sorted copy of the tree: the generator writes the fields in sorted order
     * as it walks the tree. Every record change hashes its state, so this runs once per ingested event. (Text, not
     * bytes, is generated: Jackson's byte generator writes characters outside the BMP as escapes, other bytes than
     * {@link #of} gives; the text is encoded as UTF-8 on its way into the digest.)
     */
    public static String sha256Of(Object value) {
        JsonNode tree = value instanceof JsonNode node ? node : MAPPER.valueToTree(value);
        MessageDigest digest = DIGEST.get();
        digest.reset();
        try (JsonGenerator json = MAPPER.createGenerator(new OutputStreamWriter(
                new DigestOutputStream(OutputStream.nullOutputStream(), digest), StandardCharsets.UTF_8))) {
            writeSorted(tree, json);
        } catch (IOException e) {
            throw new IllegalStateException("State cannot be written as JSON", e);
        }
        return HEX.formatHex(digest.digest());
    }

    private static void writeSorted(JsonNode node, JsonGenerator json) throws IOException {
        if (node.isObject()) {
            List<String> names = new ArrayList<>(node.size());
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            json.writeStartObject();
            for (String name : names) {
                json.writeFieldName(name);
                writeSorted(node.get(name), json);
            }
            json.writeEndObject();
        } else if (node.isArray()) {
            json.writeStartArray();
            for (JsonNode element : node) {
                writeSorted(element, json);
            }
            json.writeEndArray();
        } else {
            MAPPER.writeTree(json, node);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (String name : names) {
                copy.set(name, sorted(node.get(name)));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                copy.add(sorted(it.next()));
            }
            return copy;
        }
        return node;
    }

    /** Mongo hands dates back as java.util.Date; writing them like Instants keeps the hash independent of that. */
    private static final class DateAsInstant extends StdSerializer<Date> {
        DateAsInstant() {
            super(Date.class);
        }

        @Override
        public void serialize(Date value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.toInstant().toString());
        }
    }
}
