package ca.microcred.issuer.revocation.rest;

import ca.microcred.issuer.config.IssuerConfig;
import ca.microcred.issuer.revocation.service.StatusListService;
import ca.microcred.issuer.revocation.service.StatusListService.SignedList;
import ca.microcred.support.problem.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A provider's W3C Bitstring Status Lists, public so that anyone can check a credential's status. */
@Path("/providers/{providerId}/status-lists")
@Tag(name = "Revocation")
public class StatusListResource {

    /** The VC media type verifiers ask for; plain JSON is served too. */
    public static final String VC_LD_JSON = "application/vc+ld+json";

    private final StatusListService lists;
    private final IssuerConfig config;

    public StatusListResource(StatusListService lists, IssuerConfig config) {
        this.lists = lists;
        this.config = config;
    }

    @GET
    @Path("{purpose}")
    @PermitAll
    @Produces({VC_LD_JSON, MediaType.APPLICATION_JSON})
    @Operation(summary = "A provider's status list credential (public, no token)",
            description = "The BitstringStatusListCredential that the credentialStatus entries of the provider's "
                    + "credentials point to, signed (eddsa-rdfc-2022) with the provider's current key. Always "
                    + "current: a revoke, suspend or reinstate shows in the next answer. credentialSubject.ttl "
                    + "(milliseconds) and Cache-Control say how long a copy may be reused; ETag allows "
                    + "conditional requests.")
    @APIResponse(responseCode = "200", description = "The signed status list credential",
            content = {@Content(mediaType = VC_LD_JSON), @Content(mediaType = MediaType.APPLICATION_JSON)})
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag given in If-None-Match")
    @APIResponse(responseCode = "404", description = "Unknown provider, or a purpose other than revocation and "
            + "suspension", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("providerId") String providerId,
                        @Parameter(description = "revocation or suspension") @PathParam("purpose") String purpose,
                        @Context Request request) {
        SignedList list = lists.list(providerId, purpose);
        EntityTag tag = new EntityTag(list.etag());
        String cacheControl = "public, max-age=" + config.statusListTtl().toSeconds();
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
        if (unchanged != null) {
            return unchanged.tag(tag).header(HttpHeaders.CACHE_CONTROL, cacheControl).build();
        }
        return Response.ok(list.json()).tag(tag).header(HttpHeaders.CACHE_CONTROL, cacheControl).build();
    }
}
