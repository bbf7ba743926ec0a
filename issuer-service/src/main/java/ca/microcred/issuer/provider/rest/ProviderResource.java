package ca.microcred.issuer.provider.rest;

import ca.microcred.issuer.keys.ProviderKeys;
import ca.microcred.issuer.provider.Provider;
import ca.microcred.issuer.provider.service.ProviderService;
import ca.microcred.support.problem.Problem;
import ca.microcred.support.problem.ProblemException;
import ca.microcred.support.security.Caller;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

/** Providers: operators register them; each provider manages its own details and keys. */
@Path("/providers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Providers")
@APIResponse(responseCode = "400", description = "Invalid request; every problem is listed",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "Missing or invalid token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token may not act for this provider",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "Unknown provider",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ProviderResource {

    private final ProviderService providers;
    private final Caller caller;

    public ProviderResource(ProviderService providers, Caller caller) {
        this.providers = providers;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.OPERATOR)
    @Operation(summary = "Register a provider (operators)", description = "Creates the provider's did:web identity "
            + "and first Ed25519 key and publishes ProviderRegistered.")
    @APIResponse(responseCode = "201", description = "Registered; Location names the provider",
            content = @Content(schema = @Schema(implementation = ProviderView.class)))
    @APIResponse(responseCode = "409", description = "The requested id is taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(ProviderRequest request, UriInfo uri) {
        Provider provider = providers.register(requireBody(request).id(), request.toDetails(null));
        URI location = uri.getBaseUriBuilder().path("providers").path(provider.id()).build();
        return Response.created(location).entity(ProviderView.of(provider, providers.publicBase())).build();
    }

    @GET
    @RolesAllowed(Caller.OPERATOR)
    @Operation(summary = "List providers (operators)")
    public List<ProviderView> list(@QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
                                   @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return providers.list(offset, limit).stream().map(p -> ProviderView.of(p, providers.publicBase())).toList();
    }

    @GET
    @Path("{providerId}")
    @RolesAllowed({Caller.PROVIDER, Caller.OPERATOR})
    @Operation(summary = "Read a provider (the provider itself or an operator)")
    public ProviderView get(@PathParam("providerId") String providerId) {
        caller.requireProvider(providerId);
        return ProviderView.of(providers.get(providerId), providers.publicBase());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("{providerId}")
    @RolesAllowed({Caller.PROVIDER, Caller.OPERATOR})
    @Operation(summary = "Update a provider's details (the provider itself or an operator)")
    public ProviderView update(@PathParam("providerId") String providerId, ProviderRequest request) {
        caller.requireProvider(providerId);
        Provider updated = providers.update(providerId, requireBody(request).toDetails(providerId));
        return ProviderView.of(updated, providers.publicBase());
    }

    @POST
    @Path("{providerId}/keys/rotate")
    @RolesAllowed({Caller.PROVIDER, Caller.OPERATOR})
    @Operation(summary = "Rotate the signing key", description = "Adds a new Ed25519 key that signs from now on; "
            + "earlier keys stay in the DID document so credentials they signed still verify.")
    public ProviderView rotateKey(@PathParam("providerId") String providerId) {
        caller.requireProvider(providerId);
        return ProviderView.of(providers.rotateKey(providerId), providers.publicBase());
    }

    @GET
    @Path("{providerId}/did.json")
    @PermitAll
    @Operation(summary = "The provider's did:web DID document (public)")
    public ObjectNode didDocument(@PathParam("providerId") String providerId) {
        return ProviderKeys.didDocument(providers.get(providerId));
    }

    private static ProviderRequest requireBody(ProviderRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("A JSON body is required");
        }
        return request;
    }
}
