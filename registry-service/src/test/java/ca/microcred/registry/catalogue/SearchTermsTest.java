package ca.microcred.registry.catalogue;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SearchTermsTest {

    @Test
    void accentsCaseAndPluralsFoldToTheSameTerms() {
        assertEquals(SearchTerms.of("Analyse de DONNÉES"), SearchTerms.of("analyse des donnee"));
        assertEquals(List.of("analyse", "donnee"), SearchTerms.of("Analyse de données"));
    }

    @Test
    void functionWordsElisionsAndPunctuationAreDropped() {
        assertEquals(List.of("introduction", "hygiene", "securite", "travail"),
                SearchTerms.of("L'introduction à l’hygiène et la sécurité au travail."));
        assertEquals(List.of("coeur", "metier"), SearchTerms.of("Cœur de métier"));
    }

    @Test
    void termsOfSeveralTextsAreDistinct() {
        assertEquals(List.of("welding", "soudage"), SearchTerms.of("Welding", null, "Soudage", "welding"));
    }
}
