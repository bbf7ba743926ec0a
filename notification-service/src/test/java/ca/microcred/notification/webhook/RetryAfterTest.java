package ca.microcred.notification.webhook;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryAfterTest {

    @Test
    void secondsAndHttpDatesAreUnderstoodAndGarbageIsIgnored() {
        assertEquals(Optional.of(Duration.ofSeconds(120)), WebhookClient.retryAfter(" 120 "));
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
        long seconds = WebhookClient.retryAfter(inAMinute).orElseThrow().toSeconds();
        assertTrue(seconds > 50 && seconds <= 60, "seconds " + seconds);
        assertEquals(Optional.empty(), WebhookClient.retryAfter("soon"));
    }
}
