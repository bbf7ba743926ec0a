package ca.microcred.contracts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The fast path must read exactly what the general ISO-8601 parsers read, and leave everything else to them. */
class UtcTimestampsTest {

    private static final ObjectMapper PLAIN = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    @Test
    void readsWhatProducersWriteAsTheGeneralParsersDo() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_402_300_799L),
                    random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
            if (random.nextBoolean()) {
                instant = Instant.ofEpochMilli(instant.toEpochMilli());
            }
            String text = instant.toString();
            assertEquals(OffsetDateTime.parse(text).toInstant(), UtcTimestamps.parse(text), text);
            String json = "\"" + text + "\"";
            assertEquals(PLAIN.readValue(json, Instant.class), new EventCodec().mapper().readValue(json, Instant.class),
                    text);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-31T09:30Z", "2026-01-31T09:30:00+01:00", "2026-01-31t09:30:00z",
            "2026-02-30T09:30:00Z", "2026-01-31T24:00:00Z", "2026-01-31T09:60:00Z", "2026-01-31T09:30:60Z",
            "2026-01-31T09:30:00.Z", "2026-01-31T09:30:00.1234567890Z", "+2026-01-31T09:30:00Z",
            "2026-1-31T09:30:00.0Z", "2026-01-31 09:30:00Z", " 2026-01-31T09:30:00Z", "2026-01-31T09:30:0xZ"})
    void leavesEveryOtherFormToTheGeneralParser(String text) throws Exception {
        assertNull(UtcTimestamps.parse(text));
        String json = "\"" + text + "\"";
        Object plain = readOrError(PLAIN, json);
        Object codec = readOrError(new EventCodec().mapper(), json);
        assertEquals(plain, codec, text);
    }

    private static Object readOrError(ObjectMapper mapper, String json) {
        try {
            return mapper.readValue(json, Instant.class);
        } catch (Exception e) {
            return e.getClass();
        }
    }
}
