package ca.microcred.credentials;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The Open Badges 3.0 public test data, copied into the test resources (see ob3/README.txt). */
public final class TestVectors {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private TestVectors() {
    }

    public static ObjectNode json(String name) {
        try (InputStream in = stream(name)) {
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        try (InputStream in = stream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The spec's signed eddsa-rdfc-2022 credential. */
    public static ObjectNode signedVector() {
        return json("spec-test-vector-signed-eddsa-rdfc-2022.json");
    }

    private static InputStream stream(String name) {
        InputStream in = TestVectors.class.getResourceAsStream("/ob3/" + name);
        if (in == null) {
            throw new IllegalArgumentException("missing test resource ob3/" + name);
        }
        return in;
    }
}
