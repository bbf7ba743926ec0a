package ca.microcred.notification.delivery.service;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryDelayTest {

    @RepeatedTest(50)
    void theScheduledDelayGetsUpToTwentyPercentJitter() {
        long delay = DeliveryDispatcher.delay(Duration.ofSeconds(100), null).toMillis();
        assertTrue(delay >= 80_000 && delay <= 120_000, "delay " + delay);
    }

    @Test
    void aLongerRetryAfterWinsButIsCappedAtADay() {
        assertEquals(Duration.ofSeconds(600), DeliveryDispatcher.delay(Duration.ofSeconds(5), Duration.ofSeconds(600)));
        assertEquals(Duration.ofHours(24), DeliveryDispatcher.delay(Duration.ofSeconds(5), Duration.ofDays(30)));
        assertTrue(DeliveryDispatcher.delay(Duration.ofSeconds(100), Duration.ofSeconds(1)).toSeconds() >= 80);
    }
}
