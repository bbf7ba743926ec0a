package ca.microcred.registry.catalogue.rest;

import ca.microcred.support.problem.Problem;
import ca.microcred.support.problem.ProblemException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads query parameters given as text and collects every problem instead of stopping at the first, so one 400
 * answer lists everything a client has to fix.
 */
public final class QueryParams {

    private final List<Problem.Violation> violations = new ArrayList<>();

    public String text(String name, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > maxLength) {
            violations.add(new Problem.Violation(name, "must be at most " + maxLength + " characters"));
            return null;
        }
        return value.trim();
    }

    public <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.add(new Problem.Violation(name, "unknown value '" + value + "'; expected one of "
                    + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "))));
            return null;
        }
    }

    public Boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if ("true".equalsIgnoreCase(value.trim())) {
            return true;
        }
        if ("false".equalsIgnoreCase(value.trim())) {
            return false;
        }
        violations.add(new Problem.Violation(name, "must be true or false"));
        return null;
    }

    public Double number(String name, String value, double min) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double number = Double.parseDouble(value.trim());
            if (Double.isNaN(number) || Double.isInfinite(number) || number < min) {
                violations.add(new Problem.Violation(name, "must be a number of at least " + (long) min));
                return null;
            }
            return number;
        } catch (NumberFormatException e) {
            violations.add(new Problem.Violation(name, "must be a number"));
            return null;
        }
    }

    public int integer(String name, String value, int defaultValue, int min, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number < min || number > max) {
                violations.add(new Problem.Violation(name, "must be between " + min + " and " + max));
                return defaultValue;
            }
            return number;
        } catch (NumberFormatException e) {
            violations.add(new Problem.Violation(name, "must be a whole number between " + min + " and " + max));
            return defaultValue;
        }
    }

    /** An ISO-8601 instant with an offset, e.g. 2026-01-31T12:00:00Z. */
    public Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            violations.add(new Problem.Violation(name, "must be an ISO-8601 date-time with offset, e.g. "
                    + "2026-01-31T12:00:00Z"));
            return null;
        }
    }

    public void reject(String name, String message) {
        violations.add(new Problem.Violation(name, message));
    }

    /** Answers 400 listing every problem found so far, if there is any. */
    public void check() {
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
    }
}
