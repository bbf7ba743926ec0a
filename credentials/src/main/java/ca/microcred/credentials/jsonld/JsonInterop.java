package ca.microcred.credentials.jsonld;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/**
 * Converts between Jackson trees (what services hold) and Jakarta JSON values (what the JSON-LD processor
 * reads) by walking the tree, which is several times cheaper than printing and re-parsing.
 */
public final class JsonInterop {

    // looking the provider up goes through ServiceLoader; do it once
    private static final JsonProvider PROVIDER = JsonProvider.provider();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private JsonInterop() {
    }

    public static JsonProvider provider() {
        return PROVIDER;
    }

    public static JsonObject toJakarta(ObjectNode node) {
        return (JsonObject) toJakarta((JsonNode) node);
    }

    public static JsonValue toJakarta(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT: {
                JsonObjectBuilder builder = PROVIDER.createObjectBuilder();
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    builder.add(field.getKey(), toJakarta(field.getValue()));
                }
                return builder.build();
            }
            case ARRAY: {
                JsonArrayBuilder builder = PROVIDER.createArrayBuilder();
                for (JsonNode item : node) {
                    builder.add(toJakarta(item));
                }
                return builder.build();
            }
            case STRING:
                return PROVIDER.createValue(node.textValue());
            case BOOLEAN:
                return node.booleanValue() ? JsonValue.TRUE : JsonValue.FALSE;
            case NUMBER:
                if (node.isInt() || node.isShort()) {
                    return PROVIDER.createValue(node.intValue());
                }
                if (node.isLong()) {
                    return PROVIDER.createValue(node.longValue());
                }
                if (node.isBigInteger()) {
                    return PROVIDER.createValue(node.bigIntegerValue());
                }
                return PROVIDER.createValue(node.decimalValue());
            case NULL:
                return JsonValue.NULL;
            default:
                throw new IllegalArgumentException("Not a JSON value: " + node.getNodeType());
        }
    }

    public static ObjectNode toJackson(JsonObject object) {
        return (ObjectNode) toJackson((JsonValue) object);
    }

    public static JsonNode toJackson(JsonValue value) {
        switch (value.getValueType()) {
            case OBJECT: {
                ObjectNode node = NODES.objectNode();
                for (Map.Entry<String, JsonValue> entry : value.asJsonObject().entrySet()) {
                    node.set(entry.getKey(), toJackson(entry.getValue()));
                }
                return node;
            }
            case ARRAY: {
                ArrayNode node = NODES.arrayNode();
                for (JsonValue item : (JsonArray) value) {
                    node.add(toJackson(item));
                }
                return node;
            }
            case STRING:
                return NODES.textNode(((JsonString) value).getString());
            case NUMBER: {
                JsonNumber number = (JsonNumber) value;
                if (number.isIntegral()) {
                    BigInteger integer = number.bigIntegerValueExact();
                    if (integer.bitLength() < 32) {
                        return NODES.numberNode(integer.intValue());
                    }
                    return integer.bitLength() < 64 ? NODES.numberNode(integer.longValue()) : NODES.numberNode(integer);
                }
                BigDecimal decimal = number.bigDecimalValue();
                return NODES.numberNode(decimal);
            }
            case TRUE:
                return NODES.booleanNode(true);
            case FALSE:
                return NODES.booleanNode(false);
            default:
                return NODES.nullNode();
        }
    }
}
