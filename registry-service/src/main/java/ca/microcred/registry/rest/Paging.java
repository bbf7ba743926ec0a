package ca.microcred.registry.rest;

import ca.microcred.registry.config.RegistryConfig;
import ca.microcred.support.problem.Problem;
import ca.microcred.support.problem.ProblemException;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code page} and {@code size} query parameters of a list request. They are read as text so that a value that
 * is not a number is answered 400 naming the parameter, rather than the 404 JAX-RS gives a failed query-parameter
 * conversion.
 *
 * @param page zero-based page number
 * @param size records per page
 */
public record Paging(int page, int size) {

    /** @throws ProblemException 400 listing every invalid parameter */
    public static Paging of(String page, String size, RegistryConfig.Paging limits) {
        List<Problem.Violation> violations = new ArrayList<>();
        int pageNumber = parse("page", page, 0, 0, Integer.MAX_VALUE, violations);
        int pageSize = parse("size", size, limits.defaultSize(), 1, limits.maxSize(), violations);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return new Paging(pageNumber, pageSize);
    }

    private static int parse(String name, String text, int absent, int min, int max,
                             List<Problem.Violation> violations) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        String range = max == Integer.MAX_VALUE ? "a whole number, " + min + " or more"
                : "a whole number from " + min + " to " + max;
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, like an out-of-range number
        }
        violations.add(new Problem.Violation(name, "must be " + range));
        return absent;
    }
}
