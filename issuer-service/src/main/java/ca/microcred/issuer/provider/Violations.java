package ca.microcred.issuer.provider;

import ca.microcred.contracts.events.LocalizedText;
import ca.microcred.support.problem.Problem;
import ca.microcred.support.problem.ProblemException;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Collects every problem with a request body before answering, so a client sees all of them in one
 * 400 problem (field paths like {@code skills[1].url}) instead of fixing them one round trip at a time.
 * Shared by the provider, achievement and cohort resources.
 */
public final class Violations {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$");

    private final List<Problem.Violation> found = new ArrayList<>();

    public void add(String field, String message) {
        found.add(new Problem.Violation(field, message));
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** Answers 400 with everything found so far, if anything was. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw ProblemException.invalid(found);
        }
    }

    /** True when the text is present; otherwise records "is required". */
    public boolean requireText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            add(field, "is required");
            return false;
        }
        if (value.length() > maxLength) {
            add(field, "must be at most " + maxLength + " characters");
            return false;
        }
        return true;
    }

    public void optionalText(String field, String value, int maxLength) {
        if (value != null) {
            requireText(field, value, maxLength);
        }
    }

    public boolean requirePresent(String field, Object value) {
        if (value == null) {
            add(field, "is required");
            return false;
        }
        return true;
    }

    /** Both official languages are required. */
    public void requireBilingual(String field, LocalizedText text, int maxLength) {
        if (text == null) {
            add(field, "is required in English (en) and French (fr)");
            return;
        }
        requireText(field + ".en", text.en(), maxLength);
        requireText(field + ".fr", text.fr(), maxLength);
    }

    /** At least one of the official languages is required; a given one must not be blank. */
    public void requireEitherLanguage(String field, LocalizedText text, int maxLength) {
        if (text == null || (isBlank(text.en()) && isBlank(text.fr()))) {
            add(field, "is required in English (en), French (fr) or both");
            return;
        }
        if (text.en() != null) {
            requireText(field + ".en", text.en(), maxLength);
        }
        if (text.fr() != null) {
            requireText(field + ".fr", text.fr(), maxLength);
        }
    }

    /** An absolute https URL (http is accepted when {@code allowHttp}, for third-party reference pages). */
    public void requireUrl(String field, String value, boolean allowHttp) {
        if (!requireText(field, value, 2000)) {
            return;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean schemeOk = "https".equals(scheme) || (allowHttp && "http".equals(scheme));
            if (!schemeOk || uri.getHost() == null) {
                add(field, allowHttp ? "must be an absolute http or https URL" : "must be an absolute https URL");
            }
        } catch (java.net.URISyntaxException e) {
            add(field, "is not a valid URL");
        }
    }

    public void requireEmail(String field, String value) {
        if (requireText(field, value, 254) && !EMAIL.matcher(value).matches()) {
            add(field, "is not a valid email address");
        }
    }

    public void requireLanguageTag(String field, String value) {
        if (requireText(field, value, 35) && !LANGUAGE.matcher(value).matches()) {
            add(field, "must be a BCP 47 language tag such as en, fr or fr-CA");
        }
    }

    /** The value names a constant of {@code type}; returns it, or null after recording the violation. */
    public <E extends Enum<E>> E requireEnum(String field, String value, Class<E> type) {
        if (!requireText(field, value, 100)) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            add(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
            return null;
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
