package ca.microcred.notification.digest.service;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LatestDueDayTest {

    private static final ZoneId TORONTO = ZoneId.of("America/Toronto");
    private static final LocalTime EIGHT = LocalTime.of(8, 0);

    @Test
    void yesterdayIsDueFromTheDigestTimeOnAndTheDayBeforeUntilThen() {
        // 2026-11-28 07:59 and 08:00 in Toronto (UTC-5 in November)
        assertEquals(LocalDate.parse("2026-11-26"),
                DigestService.latestDueDay(Instant.parse("2026-11-28T12:59:00Z"), EIGHT, TORONTO));
        assertEquals(LocalDate.parse("2026-11-27"),
                DigestService.latestDueDay(Instant.parse("2026-11-28T13:00:00Z"), EIGHT, TORONTO));
    }

    @Test
    void theDayIsTheOneOfTheDigestZoneNotOfUtc() {
        // 2026-11-29 02:00 UTC is still 2026-11-28 21:00 in Toronto
        assertEquals(LocalDate.parse("2026-11-27"),
                DigestService.latestDueDay(Instant.parse("2026-11-29T02:00:00Z"), EIGHT, TORONTO));
    }

    @Test
    void summerTimeMovesTheDigestHourInUtc() {
        // 2026-07-15 08:00 in Toronto is 12:00 UTC (UTC-4)
        assertEquals(LocalDate.parse("2026-07-13"),
                DigestService.latestDueDay(Instant.parse("2026-07-15T11:59:00Z"), EIGHT, TORONTO));
        assertEquals(LocalDate.parse("2026-07-14"),
                DigestService.latestDueDay(Instant.parse("2026-07-15T12:00:00Z"), EIGHT, TORONTO));
    }
}
