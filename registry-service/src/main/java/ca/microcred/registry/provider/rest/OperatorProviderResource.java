package ca.microcred.registry.provider.rest;

import ca.microcred.contracts.events.ProviderAccreditationChanged.State;
import ca.microcred.registry.provider.service.ProviderService;
import ca.microcred.support.problem.Problem;
import ca.microcred.support.problem.ProblemException;
import ca.microcred.support.security.Caller;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Accreditation: the registry operators' decisions on providers. */
@Path("/operator/providers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Caller.OPERATOR)
@Blocking
@Tag(name = "Accreditation")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token has no operator role",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such provider",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class OperatorProviderResource {

    private static final Set<State> DECISIONS = EnumSet.of(State.ACCREDITED, State.SUSPENDED, State.WITHDRAWN);
    private static final int MAX_REASON = 2000;

    private final ProviderService providers;
    private final Caller caller;

    public OperatorProviderResource(ProviderService providers, Caller caller) {
        this.providers = providers;
        this.caller = caller;
    }

    @GET
    @Path("/{id}")
    @APIResponse(responseCode = "200", description = "The provider's record with its decision history")
    public ProviderView get(@PathParam("id") String id) {
        return providers.find(id).map(ProviderView::of).orElseThrow(() -> ProblemException.notFound("Provider", id));
    }

    @POST
    @Path("/{id}/accreditation")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The decision is recorded and will be published on registry.events")
    @APIResponse(responseCode = "400", description = "Missing or unknown decision, missing reason",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The provider already is in that state",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ProviderView decide(@PathParam("id") String id, AccreditationRequest request) {
        List<Problem.Violation> violations = new ArrayList<>();
        State decision = null;
        if (request == null) {
            throw ProblemException.badRequest("A JSON body {decision, reason} is required");
        }
        if (request.decision() == null || request.decision().isBlank()) {
            violations.add(new Problem.Violation("decision", "is required: ACCREDITED, SUSPENDED or WITHDRAWN"));
        } else {
            try {
                decision = State.valueOf(request.decision().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                decision = null;
            }
            if (decision == null || !DECISIONS.contains(decision)) {
                violations.add(new Problem.Violation("decision", "unknown value '" + request.decision()
                        + "'; expected ACCREDITED, SUSPENDED or WITHDRAWN"));
            }
        }
        if (request.reason() == null || request.reason().isBlank()) {
            violations.add(new Problem.Violation("reason", "is required"));
        } else if (request.reason().length() > MAX_REASON) {
            violations.add(new Problem.Violation("reason", "must be at most " + MAX_REASON + " characters"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return ProviderView.of(providers.decide(id, decision, request.reason().trim(), caller.actor()));
    }
}
