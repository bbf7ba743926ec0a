package ca.microcred.support.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * An RFC 9457 problem details body, served as {@code application/problem+json}.
 *
 * @param violations every individual problem with the request, so a client can fix them all at once
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One problem with one part of the request: a JSON path, query parameter, header or CSV cell. */
    @Schema(name = "Violation")
    public record Violation(String field, String message) {
    }
}
