package ca.microcred.issuer.achievement.rest;

import ca.microcred.issuer.achievement.Achievement;
import ca.microcred.issuer.achievement.mapping.OpenBadgeAchievement;
import ca.microcred.issuer.achievement.service.AchievementService;
import ca.microcred.issuer.provider.service.ProviderService;
import ca.microcred.support.problem.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

import java.util.LinkedHashMap;
import java.util.Map;

/** The public URL of a published micro-credential: its Open Badges 3.0 Achievement, the id credentials cite. */
@Path("/achievements")
@PermitAll
@Tag(name = "Micro-credentials")
public class PublicAchievementResource {

    private final AchievementService achievements;
    private final ProviderService providers;

    public PublicAchievementResource(AchievementService achievements, ProviderService providers) {
        this.achievements = achievements;
        this.providers = providers;
    }

    @GET
    @Path("{achievementId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A published micro-credential as an Open Badges 3.0 Achievement (public)",
            description = "Texts in English unless lang=fr or Accept-Language prefers French.")
    @APIResponse(responseCode = "404", description = "Unknown or unpublished achievement",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Map<String, Object> get(@PathParam("achievementId") String achievementId, @QueryParam("lang") String lang,
                                   @HeaderParam("Accept-Language") String acceptLanguage) {
        Achievement achievement = achievements.getPublished(achievementId);
        Map<String, String> stackUrls = new LinkedHashMap<>();
        achievement.definition().stacksInto().forEach(id -> stackUrls.put(id, achievements.publicUrl(id)));
        return OpenBadgeAchievement.document(achievement, providers.get(achievement.providerId()),
                achievements.publicUrl(achievementId), language(lang, acceptLanguage), stackUrls);
    }

    private static String language(String lang, String acceptLanguage) {
        if (lang != null && !lang.isBlank()) {
            return lang;
        }
        return acceptLanguage != null && acceptLanguage.trim().toLowerCase(java.util.Locale.ROOT).startsWith("fr")
                ? "fr" : "en";
    }
}
