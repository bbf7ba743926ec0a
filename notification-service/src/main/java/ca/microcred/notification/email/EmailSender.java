package ca.microcred.notification.email;

import ca.microcred.notification.achievement.Achievement;
import ca.microcred.notification.achievement.repository.AchievementRepository;
import ca.microcred.notification.delivery.Delivery;
import ca.microcred.notification.digest.mapping.CohortsDigestNotification;
import ca.microcred.notification.employer.Employer;
import ca.microcred.notification.employer.repository.EmployerRepository;
import ca.microcred.notification.matching.mapping.CohortCompletedNotification;
import ca.microcred.notification.subscription.Subscription;
import ca.microcred.notification.webhook.WebhookResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends a delivery as an email in the employer's language (English unless its profile says French), plain text and
 * HTML from the Qute templates {@code email/cohort-completed-<lang>.txt|html}, or {@code email/cohorts-digest-…} for a
 * daily digest. The message is rendered from the
 * same stored notification the webhook would carry, so both channels say the same thing.
 */
@ApplicationScoped
public class EmailSender {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneId.of("America/Toronto"));

    private final ReactiveMailer mailer;
    private final Engine templates;
    private final EmployerRepository employers;
    private final AchievementRepository achievements;
    private final ObjectMapper json;

    public EmailSender(ReactiveMailer mailer, Engine templates, EmployerRepository employers,
                       AchievementRepository achievements, ObjectMapper json) {
        this.mailer = mailer;
        this.templates = templates;
        this.employers = employers;
        this.achievements = achievements;
        this.json = json;
    }

    /** Sends the delivery's notification; the returned stage always completes normally. */
    public CompletableFuture<WebhookResponse> send(Delivery delivery, Subscription subscription) {
        long started = System.nanoTime();
        Mail mail;
        try {
            mail = render(delivery, subscription);
        } catch (Exception e) {
            return CompletableFuture.completedFuture(new WebhookResponse(null, 0, "not sent: " + e.getMessage()));
        }
        return mailer.send(mail).subscribeAsCompletionStage()
                .handle((ok, failure) -> {
                    long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                    return new WebhookResponse(null, latency, failure == null ? null
                            : "mail server refused: " + (failure.getMessage() == null
                            ? failure.getClass().getSimpleName() : failure.getMessage()));
                })
                .toCompletableFuture();
    }

    Mail render(Delivery delivery, Subscription subscription) throws Exception {
        Optional<Employer> employer = employers.findByIdOptional(subscription.employerId);
        String to = subscription.email != null && !subscription.email.isBlank() ? subscription.email
                : employer.map(e -> e.contactEmail).orElseThrow(() ->
                new IllegalStateException("employer " + subscription.employerId + " has no contact email"));
        String language = employer.map(e -> e.preferredLanguage).filter("fr"::equals).orElse("en");
        if (delivery.digestDay != null) {
            return renderDigest(delivery, subscription, employer, to, language);
        }
        CohortCompletedNotification notification = json.readValue(delivery.payload, CohortCompletedNotification.class);
        CohortCompletedNotification.Data data = notification.data();
        Optional<Achievement> achievement = achievements.findByIdOptional(data.achievementId());
        String name = data.achievementName() == null ? data.achievementId() : data.achievementName().in(language);

        Map<String, Object> values = new HashMap<>();
        values.put("organisation", employer.map(e -> e.organisationName).orElse(subscription.employerId));
        values.put("name", name);
        values.put("data", data);
        values.put("completedOn", data.completedAt() == null ? "" : DATE.format(data.completedAt()));
        values.put("skills", achievement.map(a -> a.skillNames).orElse(List.of()));
        values.put("occupations", achievement.map(a -> a.occupations).orElse(List.of()));
        values.put("graduates", data.graduates() == null ? List.of() : data.graduates());
        values.put("deliveryId", delivery.id);
        String subject = ("fr".equals(language) ? "Nouveaux diplômés : " : "New graduates: ") + name;
        return Mail.withText(to, subject, template(language, "txt").data(values).render())
                .setHtml(template(language, "html").data(values).render())
                .addHeader("X-MicroCred-Delivery", delivery.id);
    }

    /** One cohort of a digest as the digest templates show it. */
    public record DigestCohort(String name, CohortCompletedNotification.Data data, String completedOn,
                               List<String> skills, List<String> occupations,
                               List<CohortCompletedNotification.Graduate> graduates) {
    }

    private Mail renderDigest(Delivery delivery, Subscription subscription, Optional<Employer> employer, String to,
                              String language) throws Exception {
        CohortsDigestNotification digest = json.readValue(delivery.payload, CohortsDigestNotification.class);
        List<DigestCohort> cohorts = new java.util.ArrayList<>();
        for (CohortCompletedNotification.Data data : digest.data().cohorts()) {
            Optional<Achievement> achievement = achievements.findByIdOptional(data.achievementId());
            cohorts.add(new DigestCohort(
                    data.achievementName() == null ? data.achievementId() : data.achievementName().in(language), data,
                    data.completedAt() == null ? "" : DATE.format(data.completedAt()),
                    achievement.map(a -> a.skillNames).orElse(List.of()),
                    achievement.map(a -> a.occupations).orElse(List.of()),
                    data.graduates() == null ? List.of() : data.graduates()));
        }
        Map<String, Object> values = new HashMap<>();
        values.put("organisation", employer.map(e -> e.organisationName).orElse(subscription.employerId));
        values.put("day", digest.data().day());
        values.put("cohorts", cohorts);
        values.put("deliveryId", delivery.id);
        String subject = "fr".equals(language)
                ? "Nouveaux diplômés du " + digest.data().day() + " : " + cohorts.size()
                + (cohorts.size() == 1 ? " cohorte" : " cohortes")
                : "New graduates on " + digest.data().day() + ": " + cohorts.size()
                + (cohorts.size() == 1 ? " cohort" : " cohorts");
        return Mail.withText(to, subject, template("cohorts-digest", language, "txt").data(values).render())
                .setHtml(template("cohorts-digest", language, "html").data(values).render())
                .addHeader("X-MicroCred-Delivery", delivery.id);
    }

    private Template template(String language, String kind) {
        return template("cohort-completed", language, kind);
    }

    private Template template(String name, String language, String kind) {
        String id = "email/" + name + "-" + language.toLowerCase(Locale.ROOT) + "." + kind;
        Template template = templates.getTemplate(id);
        if (template == null) {
            throw new IllegalStateException("missing template " + id);
        }
        return template;
    }
}
