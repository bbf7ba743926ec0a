package ca.microcred.registry.catalogue.rest;

import ca.microcred.contracts.events.DeliveryMode;
import ca.microcred.contracts.events.Province;
import ca.microcred.contracts.events.SkillFramework;
import ca.microcred.registry.catalogue.CatalogueEntry;
import ca.microcred.registry.catalogue.CatalogueSearch;
import ca.microcred.registry.catalogue.SearchTerms;
import ca.microcred.registry.catalogue.repository.CatalogueRepository;
import ca.microcred.registry.catalogue.service.CatalogueIndex;
import ca.microcred.registry.catalogue.service.CatalogueService;
import ca.microcred.support.problem.Problem;
import ca.microcred.support.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Public search over the published micro-credentials of accredited providers. */
@Path("/catalogue")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "Catalogue")
public class CatalogueResource {

    private static final Pattern LANGUAGE = Pattern.compile("^[a-zA-Z]{2,3}(-[A-Za-z0-9]{2,8})*$");

    private final CatalogueService catalogue;

    public CatalogueResource(CatalogueService catalogue) {
        this.catalogue = catalogue;
    }

    @GET
    @Operation(summary = "Search the catalogue",
            description = "q searches the English and French names and descriptions, accents ignored; every word "
                    + "must match. skill is FRAMEWORK:code (ESCO, NOC, ONET, OTHER) and may repeat. Pages start at 0.")
    @APIResponse(responseCode = "200", description = "The page of hits and the total count")
    @APIResponse(responseCode = "400", description = "Unknown filter values, listed one by one",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CataloguePage search(@QueryParam("q") String q, @QueryParam("skill") List<String> skills,
                                @QueryParam("occupation") String occupation, @QueryParam("provider") String provider,
                                @QueryParam("province") String province, @QueryParam("deliveryMode") String deliveryMode,
                                @QueryParam("selfPaced") String selfPaced, @QueryParam("language") String language,
                                @QueryParam("workloadMin") String workloadMin,
                                @QueryParam("workloadMax") String workloadMax,
                                @QueryParam("stackable") String stackable, @QueryParam("sort") String sort,
                                @QueryParam("page") String page, @QueryParam("size") String size) {
        QueryParams params = new QueryParams();
        String text = params.text("q", q, 500);
        List<String> skillKeys = new ArrayList<>();
        for (String skill : skills == null ? List.<String>of() : skills) {
            int colon = skill.indexOf(':');
            if (colon <= 0 || colon == skill.length() - 1) {
                params.reject("skill", "'" + skill + "' must be FRAMEWORK:code, e.g. ESCO:S1.2.3");
                continue;
            }
            SkillFramework framework = params.enumValue("skill", skill.substring(0, colon), SkillFramework.class);
            if (framework != null) {
                skillKeys.add(CatalogueRepository.skillKey(framework, skill.substring(colon + 1).trim()));
            }
        }
        String languageBase = null;
        String languageTag = params.text("language", language, 35);
        if (languageTag != null) {
            if (LANGUAGE.matcher(languageTag).matches()) {
                languageBase = languageTag.split("-")[0].toLowerCase(Locale.ROOT);
            } else {
                params.reject("language", "'" + language + "' is not a BCP 47 language tag such as fr or fr-CA");
            }
        }
        Double min = params.number("workloadMin", workloadMin, 0);
        Double max = params.number("workloadMax", workloadMax, 0);
        if (min != null && max != null && min > max) {
            params.reject("workloadMax", "must not be less than workloadMin");
        }
        CatalogueSearch.Sort order = params.enumValue("sort", sort, CatalogueSearch.Sort.class);
        CatalogueSearch search = new CatalogueSearch(
                text == null ? List.of() : SearchTerms.of(text), skillKeys,
                params.text("occupation", occupation, 50), params.text("provider", provider, 200),
                params.enumValue("province", province, Province.class),
                params.enumValue("deliveryMode", deliveryMode, DeliveryMode.class),
                params.bool("selfPaced", selfPaced), languageBase, min, max, params.bool("stackable", stackable),
                order == null ? (text == null ? CatalogueSearch.Sort.NEWEST : CatalogueSearch.Sort.RELEVANCE) : order,
                params.integer("page", page, 0, 0, 10_000), params.integer("size", size, 20, 1, 100));
        params.check();
        CatalogueIndex.Hits hits = catalogue.search(search);
        List<CatalogueHit> items = new ArrayList<>();
        for (int i = 0; i < hits.entries().size(); i++) {
            items.add(CatalogueHit.of(hits.entries().get(i), hits.scores() == null ? null : hits.scores().get(i)));
        }
        String sortName = search.sort() == CatalogueSearch.Sort.RELEVANCE && search.terms().isEmpty()
                ? CatalogueSearch.Sort.NEWEST.name() : search.sort().name();
        return new CataloguePage(hits.total(), search.page(), search.size(), sortName.toLowerCase(Locale.ROOT), items);
    }

    @GET
    @Path("/{id}")
    @APIResponse(responseCode = "200", description = "The micro-credential")
    @APIResponse(responseCode = "404", description = "No published micro-credential of an accredited provider has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CatalogueHit get(@PathParam("id") String id) {
        CatalogueEntry entry = catalogue.findVisible(id)
                .orElseThrow(() -> ProblemException.notFound("Micro-credential", id));
        return CatalogueHit.of(entry, null);
    }
}
