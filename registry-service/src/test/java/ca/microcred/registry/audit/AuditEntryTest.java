package ca.microcred.registry.audit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Entries written before and after must verify alike: the field-by-field canonical form of an entry is compared
 * with the generic canonical JSON of the same fields, over values with quotes, escapes, non-ASCII text and nulls.
 */
class AuditEntryTest {

    private static final String[] PIECES = {"a", "Z", "0", "\"", "\\", "/", "\n", "\t", "\u0001", "é", "données", "€",
            "\uD83D\uDE00", " ", ":", "<", "urn:uuid:", "$"};

    static LongStream seeds() {
        return LongStream.range(0, 40);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void canonicalFormIsTheGenericCanonicalJsonOfTheSameFields(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 50; i++) {
            long seq = random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(1_000_000);
            Instant time = random.nextInt(8) == 0 ? null
                    : Instant.ofEpochMilli(random.nextLong(0, 4_102_444_800_000L));
            String actor = text(random);
            String entityType = text(random);
            String entityId = text(random);
            String providerId = text(random);
            String stateHash = text(random);
            String prevHash = text(random);

            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("seq", seq);
            fields.put("time", time == null ? null : time.toString());
            fields.put("actor", actor);
            fields.put("entityType", entityType);
            fields.put("entityId", entityId);
            fields.put("providerId", providerId);
            fields.put("stateHash", stateHash);
            fields.put("prevHash", prevHash);
            assertEquals(CanonicalJson.of(fields),
                    AuditEntry.canonical(seq, time, actor, entityType, entityId, providerId, stateHash, prevHash));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void streamedStateHashIsTheHashOfTheCanonicalText(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 20; i++) {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put(text(random) + "k", text(random));
            state.put("n", random.nextInt(3) == 0 ? random.nextDouble() : random.nextLong());
            state.put("at", Instant.ofEpochMilli(random.nextLong(0, 4_102_444_800_000L)));
            state.put("flag", random.nextBoolean());
            Map<String, Object> nested = new LinkedHashMap<>();
            nested.put("z" + text(random), List.of(text(random) == null ? "x" : "y", Map.of("b", 1, "a", "é")));
            nested.put("a", null);
            state.put("nested", nested);
            assertEquals(CanonicalJson.sha256(CanonicalJson.of(state)), CanonicalJson.sha256Of(state));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void streamedStateHashOfLongTextsIsTheHashOfTheCanonicalText(long seed) {
        // texts of tens of kilobytes, as a credential as issued is: encoded in chunks, surrogate pairs straddle them
        Random random = new Random(seed);
        StringBuilder document = new StringBuilder();
        while (document.length() < 40_000) {
            document.append(PIECES[random.nextInt(PIECES.length)]);
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("document", document.toString());
        state.put("id", "urn:uuid:" + seed);
        assertEquals(CanonicalJson.sha256(CanonicalJson.of(state)), CanonicalJson.sha256Of(state));
    }

    private static String text(Random random) {
        if (random.nextInt(6) == 0) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }
}
