package ca.microcred.registry.provider.rest;

import ca.microcred.contracts.events.ProviderAccreditationChanged.State;
import ca.microcred.registry.catalogue.rest.QueryParams;
import ca.microcred.registry.provider.service.ProviderService;
import ca.microcred.support.problem.Problem;
import ca.microcred.support.problem.ProblemException;
import ca.microcred.support.security.Caller;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Providers as the public sees them, and the list of providers by accreditation state for operators. */
@Path("/providers")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "Providers")
public class ProviderResource {

    private final ProviderService providers;

    public ProviderResource(ProviderService providers) {
        this.providers = providers;
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @APIResponse(responseCode = "200", description = "The provider's name, province, type and accreditation state")
    @APIResponse(responseCode = "404", description = "No such provider",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PublicProviderView get(@PathParam("id") String id) {
        return providers.find(id).map(PublicProviderView::of)
                .orElseThrow(() -> ProblemException.notFound("Provider", id));
    }

    @GET
    @RolesAllowed(Caller.OPERATOR)
    @APIResponse(responseCode = "200", description = "Providers in the state asked for (all when no state), by id")
    @APIResponse(responseCode = "400", description = "Unknown state or invalid paging",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token has no operator role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ProviderPage list(@QueryParam("state") String state, @QueryParam("page") String page,
                             @QueryParam("size") String size) {
        QueryParams params = new QueryParams();
        State wanted = params.enumValue("state", state, State.class);
        int pageNumber = params.integer("page", page, 0, 0, 100_000);
        int pageSize = params.integer("size", size, 50, 1, 500);
        params.check();
        return new ProviderPage(providers.count(wanted), pageNumber, pageSize,
                providers.list(wanted, pageNumber, pageSize).stream().map(ProviderView::of).toList());
    }
}
