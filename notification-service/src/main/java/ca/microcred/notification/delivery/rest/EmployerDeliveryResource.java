package ca.microcred.notification.delivery.rest;

import ca.microcred.notification.delivery.repository.DeliveryRepository;
import ca.microcred.support.problem.Problem;
import ca.microcred.support.problem.ProblemException;
import ca.microcred.support.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The delivery log of an employer, across its subscriptions. */
@Path("/employers/{employerId}/deliveries")
@Tag(name = "Employers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.EMPLOYER, Caller.OPERATOR})
public class EmployerDeliveryResource {

    private final DeliveryRepository deliveries;
    private final Caller caller;

    public EmployerDeliveryResource(DeliveryRepository deliveries, Caller caller) {
        this.deliveries = deliveries;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List an employer's deliveries",
            description = "Every notification of every subscription of the employer, newest first, with its attempts.")
    @APIResponse(responseCode = "200", description = "The deliveries")
    @APIResponse(responseCode = "404", description = "Another employer's log",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<DeliveryView> list(
            @PathParam("employerId") String employerId,
            @QueryParam("offset") @DefaultValue("0") @Min(value = 0, message = "must be 0 or more") int offset,
            @QueryParam("limit") @DefaultValue("100") @Min(value = 1, message = "must be between 1 and 500")
            @Max(value = 500, message = "must be between 1 and 500") int limit) {
        if (!caller.isOperator() && caller.employerId().filter(employerId::equals).isEmpty()) {
            throw ProblemException.notFound("Employer", employerId);
        }
        return deliveries.listByEmployer(employerId, offset, limit).stream().map(DeliveryView::of).toList();
    }
}
