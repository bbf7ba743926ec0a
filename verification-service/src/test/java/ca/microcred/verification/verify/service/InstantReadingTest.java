package ca.microcred.verification.verify.service;

import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The quick reading of plain UTC times must accept and refuse exactly what the general parser does. */
class InstantReadingTest {

    @Test
    void agreesWithTheGeneralParserOnEdgeCases() {
        for (String text : List.of("2025-03-01T10:00:00Z", "2025-03-01T10:00:00.5Z", "2025-03-01T10:00:00.123456789Z",
                "2025-03-01T10:00:00.1234567890Z", "2025-03-01T10:00:00.Z", "2024-02-29T23:59:59Z",
                "2023-02-29T00:00:00Z", "2025-04-31T00:00:00Z", "2025-13-01T00:00:00Z", "2025-00-10T00:00:00Z",
                "2025-01-01T24:00:00Z", "2025-01-01T23:60:00Z", "2025-01-01T23:59:60Z", "2025-01-01t10:00:00Z",
                "2025-01-01T10:00:00z", "2025-01-01T10:00Z", "2025-01-01T10:00:00+00:00", "2025-01-01T10:00:00-05:00",
                "2025-01-01 10:00:00Z", "+2025-01-01T10:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
                "2025-01-01T10:00:00", "2025-1-01T10:00:00Z", "2025-01-01T1a:00:00Z", "２０２５-01-01T10:00:00Z",
                "2025-01-01T10:00:00.-1Z", "")) {
            assertEquals(general(text), DocumentChecks.instant(TextNode.valueOf(text)), text);
        }
    }

    @Test
    void agreesWithTheGeneralParserOnRandomTimes() {
        Random random = new Random(20_25);
        String digitsAndMore = "0123456789-:.TZ";
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextInt(Integer.MAX_VALUE), random.nextInt(1_000_000_000));
            StringBuilder text = new StringBuilder(instant.toString());
            if (i % 2 == 0) {
                // one character changed: mostly refused, sometimes another valid time
                text.setCharAt(random.nextInt(text.length()), digitsAndMore.charAt(random.nextInt(digitsAndMore.length())));
            }
            String spelled = text.toString();
            Optional<Instant> expected = general(spelled);
            assertEquals(expected, DocumentChecks.instant(TextNode.valueOf(spelled)), spelled);
            if (i % 2 == 1) {
                assertNotNull(DocumentChecks.plainUtc(spelled), "plain UTC read quickly: " + spelled);
            }
        }
    }

    private static Optional<Instant> general(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
