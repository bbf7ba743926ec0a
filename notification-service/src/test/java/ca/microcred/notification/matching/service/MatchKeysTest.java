package ca.microcred.notification.matching.service;

import ca.microcred.notification.subscription.Subscription;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MatchKeysTest {

    private static final CohortFacts COHORT = new CohortFacts("ach-1", "prov-1", "QC", Set.of("ESCO:S1", "ESCO:S2"),
            Set.of("21211"), Set.of("ONLINE"), Set.of("fr"));

    private static Subscription subscription() {
        return new Subscription();
    }

    @Test
    void aSubscriptionIsIndexedUnderItsMostSelectiveCriterionOnly() {
        Subscription s = subscription();
        s.languages = new ArrayList<>(List.of("fr"));
        s.provinces = new ArrayList<>(List.of("QC", "ON"));
        s.skills = new ArrayList<>(List.of("ESCO:S1"));
        assertEquals(List.of("s:ESCO:S1"), MatchKeys.of(s));

        s.achievementIds = new ArrayList<>(List.of("ach-1", "ach-2"));
        assertEquals(List.of("a:ach-1", "a:ach-2"), MatchKeys.of(s));
    }

    @Test
    void everyCriterionMustBeMetButAnyValueOfOneIsEnough() {
        Subscription s = subscription();
        s.provinces = new ArrayList<>(List.of("ON", "QC"));
        s.languages = new ArrayList<>(List.of("en", "fr"));
        s.skills = new ArrayList<>(List.of("ESCO:S9", "ESCO:S2"));
        assertTrue(MatchKeys.matches(s, COHORT));

        s.deliveryModes = new ArrayList<>(List.of("IN_PERSON"));
        assertFalse(MatchKeys.matches(s, COHORT));
    }

    @Test
    void aCandidateFoundByAnyKeyOfTheCohortIsOneWhoseKeysIntersect() {
        Subscription s = subscription();
        s.occupations = new ArrayList<>(List.of("21211"));
        s.providerIds = new ArrayList<>(List.of("prov-2"));
        List<String> cohortKeys = MatchKeys.of(COHORT);
        assertTrue(cohortKeys.containsAll(MatchKeys.of(s)));
        assertFalse(MatchKeys.matches(s, COHORT), "the index finds it, the full check refuses the other provider");
    }

    @Test
    void languageTagsCompareByPrimarySubtag() {
        assertEquals("fr", MatchKeys.language("FR-ca"));
        assertEquals("ESCO:S1", MatchKeys.skill(" esco", "S1 "));
    }
}
