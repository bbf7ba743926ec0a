package ca.microcred.registry.stats;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Public statistics of the national registry. */
@Path("/stats")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Blocking
@Tag(name = "Statistics")
public class StatisticsResource {

    private final StatisticsService statistics;

    public StatisticsResource(StatisticsService statistics) {
        this.statistics = statistics;
    }

    @GET
    @APIResponse(responseCode = "200", description = "Providers by accreditation state; micro-credentials by skill "
            + "framework, province and delivery mode; credentials issued per month; completion rate per micro-credential")
    public RegistryStatistics get() {
        return statistics.compute();
    }
}
