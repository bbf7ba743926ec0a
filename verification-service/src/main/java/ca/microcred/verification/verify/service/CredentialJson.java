package ca.microcred.verification.verify.service;

import ca.microcred.credentials.proof.VcJwt;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Reads credentials exactly as written: numbers keep their decimal digits and a duplicated property is an error,
 * because a signature covers the document as the issuer wrote it.
 */
public final class CredentialJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Pattern JWS =
            Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private CredentialJson() {
    }

    /**
     * @throws IllegalArgumentException when the text is not a JSON object
     */
    public static ObjectNode object(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return (ObjectNode) node;
    }

    /**
     * The VC-JWT read by the credentials library, which also verifies it: one reading of a token for both.
     *
     * @throws IllegalArgumentException when the text is not a compact JWT with JSON header and payload
     */
    public static VcJwt.Decoded jwt(String text) {
        return VcJwt.decode(text);
    }

    /** True when the text has the shape of a compact JWS (three base64url parts). */
    public static boolean looksLikeJwt(String text) {
        return JWS.matcher(text).matches();
    }
}
