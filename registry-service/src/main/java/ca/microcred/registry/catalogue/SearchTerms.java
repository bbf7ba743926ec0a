package ca.microcred.registry.catalogue;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns English and French text into the search terms the catalogue indexes and matches: accents folded
 * ("données" and "donnees" give the same term), lower case, split on anything that is not a letter or digit,
 * common function words dropped, and a final plural "s" removed so "compétence" also finds "compétences". The same
 * function runs on stored texts and on queries, so both sides always agree.
 */
public final class SearchTerms {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Set<String> STOP_WORDS = Set.of(
            "the", "and", "of", "to", "in", "for", "an", "on", "with", "by", "or", "is", "at", "as", "from", "into",
            "le", "la", "les", "de", "des", "du", "et", "en", "un", "une", "pour", "au", "aux", "dans", "sur",
            "par", "ou", "avec");

    private SearchTerms() {
    }

    /** Distinct terms of all given texts, in order of first appearance; null texts are skipped. */
    public static List<String> of(String... texts) {
        Set<String> terms = new LinkedHashSet<>();
        for (String text : texts) {
            if (text == null) {
                continue;
            }
            for (String token : SEPARATORS.split(fold(text))) {
                if (token.length() < 2 || STOP_WORDS.contains(token)) {
                    continue;
                }
                terms.add(stem(token));
            }
        }
        return new ArrayList<>(terms);
    }

    /** Lower case without diacritics; ligatures spelled out. */
    public static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        return MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT)
                .replace("œ", "oe").replace("æ", "ae").replace("ß", "ss");
    }

    private static String stem(String token) {
        if (token.length() > 3 && token.endsWith("s") && !token.endsWith("ss")) {
            return token.substring(0, token.length() - 1);
        }
        return token;
    }
}
