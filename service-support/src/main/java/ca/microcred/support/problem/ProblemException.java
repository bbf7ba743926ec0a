package ca.microcred.support.problem;

import java.util.List;

/**
 * Thrown by application code to answer with a specific problem. The mapper turns it into an
 * {@code application/problem+json} response with the given status.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Problem.Violation> violations;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public ProblemException(int status, String title, String detail, List<Problem.Violation> violations) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.violations = List.copyOf(violations);
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(404, "Not Found", what + " '" + id + "' does not exist");
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad Request", detail);
    }

    public static ProblemException invalid(List<Problem.Violation> violations) {
        return new ProblemException(400, "Bad Request",
                violations.size() == 1 ? "The request has 1 problem" : "The request has " + violations.size() + " problems",
                violations);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Problem.Violation> violations() {
        return violations;
    }
}
