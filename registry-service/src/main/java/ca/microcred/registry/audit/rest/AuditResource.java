package ca.microcred.registry.audit.rest;

import ca.microcred.registry.audit.AuditEntry;
import ca.microcred.registry.audit.AuditPage;
import ca.microcred.registry.audit.AuditQuery;
import ca.microcred.registry.audit.AuditTrail;
import ca.microcred.registry.audit.ChainVerification;
import ca.microcred.registry.catalogue.rest.QueryParams;
import ca.microcred.support.problem.Problem;
import ca.microcred.support.security.Caller;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The audit trail for registry operators: query, export and chain verification. */
@Path("/operator/audit")
@RolesAllowed(Caller.OPERATOR)
@Blocking
@Tag(name = "Audit trail")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token has no operator role",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AuditResource {

    public static final String NDJSON = "application/x-ndjson";
    public static final String CSV = "text/csv";

    private static final ObjectMapper LINES = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    private final AuditTrail trail;

    public AuditResource(AuditTrail trail) {
        this.trail = trail;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "Entries in sequence order")
    @APIResponse(responseCode = "400", description = "Invalid time range or paging",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AuditPage list(@QueryParam("entityId") String entityId, @QueryParam("providerId") String providerId,
                          @QueryParam("from") String from, @QueryParam("to") String to,
                          @QueryParam("page") String page, @QueryParam("size") String size) {
        QueryParams params = new QueryParams();
        AuditQuery query = query(params, entityId, providerId, from, to);
        int pageNumber = params.integer("page", page, 0, 0, 1_000_000);
        int pageSize = params.integer("size", size, 50, 1, 500);
        params.check();
        return trail.find(query, pageNumber, pageSize);
    }

    /**
     * Streams the matching entries as JSON Lines (format=jsonl, or Accept: application/x-ndjson) or CSV
     * (format=csv), in sequence order.
     */
    @GET
    @Path("/export")
    @Produces({NDJSON, CSV})
    @APIResponse(responseCode = "200", description = "The entries, one per line")
    @APIResponse(responseCode = "400", description = "Unknown format or invalid time range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response export(@QueryParam("format") String format, @HeaderParam(HttpHeaders.ACCEPT) String accept,
                           @QueryParam("entityId") String entityId, @QueryParam("providerId") String providerId,
                           @QueryParam("from") String from, @QueryParam("to") String to) {
        QueryParams params = new QueryParams();
        AuditQuery query = query(params, entityId, providerId, from, to);
        String chosen = format == null || format.isBlank()
                ? (accept != null && accept.toLowerCase(Locale.ROOT).contains(CSV) ? "csv" : "jsonl")
                : format.trim().toLowerCase(Locale.ROOT);
        if (!chosen.equals("jsonl") && !chosen.equals("csv")) {
            params.reject("format", "unknown value '" + format + "'; expected jsonl or csv");
        }
        params.check();
        boolean csv = chosen.equals("csv");
        StreamingOutput body = output -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            try {
                if (csv) {
                    writer.write("seq,time,actor,entityType,entityId,providerId,stateHash,prevHash,hash\n");
                }
                trail.stream(query, entry -> write(writer, entry, csv));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            writer.flush();
        };
        return Response.ok(body, csv ? CSV + "; charset=utf-8" : NDJSON)
                .header("Content-Disposition", "attachment; filename=\"audit." + chosen + "\"")
                .build();
    }

    @GET
    @Path("/verify")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "Whether the chain is intact, or where it first breaks")
    public ChainVerification verify() {
        return trail.verify();
    }

    private static AuditQuery query(QueryParams params, String entityId, String providerId, String from, String to) {
        AuditQuery query = new AuditQuery(params.text("entityId", entityId, 200),
                params.text("providerId", providerId, 200), params.instant("from", from), params.instant("to", to));
        if (query.from() != null && query.to() != null && !query.from().isBefore(query.to())) {
            params.reject("to", "must be after from");
        }
        return query;
    }

    private static void write(Writer writer, AuditEntry entry, boolean csv) {
        try {
            if (csv) {
                writer.write(entry.seq() + "," + entry.time() + "," + cell(entry.actor()) + ","
                        + cell(entry.entityType()) + "," + cell(entry.entityId()) + "," + cell(entry.providerId()) + ","
                        + entry.stateHash() + "," + entry.prevHash() + "," + entry.hash() + "\n");
            } else {
                LINES.writeValue(writer, entry);
                writer.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 4180 quoting, and a leading quote on cells a spreadsheet would otherwise run as a formula. */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String text = value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
                || !text.equals(value)) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
