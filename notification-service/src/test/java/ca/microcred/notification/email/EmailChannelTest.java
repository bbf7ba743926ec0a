package ca.microcred.notification.email;

import ca.microcred.contracts.events.CohortCompleted;
import ca.microcred.devstack.DevTokens;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.notification.support.Subscriptions;
import ca.microcred.notification.support.TestEvents;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class EmailChannelTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP);

    private static String employerWithProfile(String language, String email) {
        String employer = "emp-" + UUID.randomUUID();
        given().auth().oauth2(DevTokens.employer(employer)).contentType(ContentType.JSON)
                .body(Map.of("organisationName", "Boulangerie Numérique", "contactEmail", email,
                        "preferredLanguage", language))
                .when().post("/employers").then().statusCode(201);
        return employer;
    }

    @Test
    void aFrenchSpeakingEmployerGetsTheCohortInFrenchAsTextAndHtml() throws Exception {
        String recipient = "rh-" + UUID.randomUUID() + "@boulangerie.example.ca";
        String employer = employerWithProfile("fr", recipient);
        String achievement = "ach-" + UUID.randomUUID();
        Subscriptions.create(employer, Map.of("achievementIds", List.of(achievement), "channel", "email"));
        CohortCompleted cohort = TestEvents.cohort(achievement);

        TestEvents.publish(cohort);

        MimeMessage message = awaitMessageTo(recipient);
        assertEquals("Nouveaux diplômés : Analyse de données appliquée", message.getSubject());
        String text = part(message, "text/plain").orElseThrow();
        String html = part(message, "text/html").orElseThrow();
        assertTrue(text.contains("Bonjour Boulangerie Numérique"), text);
        assertTrue(text.contains("Diplômés : 3"), text);
        assertTrue(text.contains("Amélie Tremblay <amelie.tremblay@example.ca>"), text);
        assertTrue(text.contains("https://verify.microcred.ca/verifications/cred-amelie"), text);
        assertTrue(text.contains("https://portfolio.example.ca/amelie/capstone"), text);
        assertTrue(html.contains("<strong>Analyse de données appliquée</strong>"), html);
        assertTrue(html.contains("href=\"https://verify.microcred.ca/verifications/cred-sam\""), html);
    }

    @Test
    void anEnglishSpeakingEmployerGetsItInEnglishAtTheAddressOfTheSubscription() throws Exception {
        String employer = employerWithProfile("en", "hr@example.ca");
        String recipient = "talent-" + UUID.randomUUID() + "@example.ca";
        String achievement = "ach-" + UUID.randomUUID();
        Subscriptions.create(employer, Map.of("achievementIds", List.of(achievement), "channel", "email",
                "email", recipient));

        TestEvents.publish(TestEvents.cohort(achievement));

        MimeMessage message = awaitMessageTo(recipient);
        assertEquals("New graduates: Applied Data Analytics", message.getSubject());
        String text = part(message, "text/plain").orElseThrow();
        assertTrue(text.contains("A cohort of \"Applied Data Analytics\" has just completed."), text);
        assertFalse(text.contains("Analyse de données"), text);
    }

    @Test
    void anEmailSubscriptionNeedsARecipientAndNoWebhook() {
        given().auth().oauth2(DevTokens.employer("emp-" + UUID.randomUUID())).contentType(ContentType.JSON)
                .body(Map.of("achievementIds", List.of("ach-a"), "channel", "email",
                        "webhookUrl", "https://hooks.example.ca/"))
                .when().post("/subscriptions")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("email", "webhookUrl"));
        given().auth().oauth2(DevTokens.employer("emp-" + UUID.randomUUID())).contentType(ContentType.JSON)
                .body(Map.of("achievementIds", List.of("ach-a"), "channel", "pigeon"))
                .when().post("/subscriptions")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("channel"));
    }

    private static MimeMessage awaitMessageTo(String recipient) {
        await().atMost(Duration.ofSeconds(30)).until(() -> messageTo(recipient).isPresent());
        return messageTo(recipient).orElseThrow();
    }

    private static Optional<MimeMessage> messageTo(String recipient) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> a.toString().contains(recipient));
            } catch (Exception e) {
                return false;
            }
        }).findFirst();
    }

    private static Optional<String> part(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return Optional.of(part.getContent().toString());
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                Optional<String> found = part(child, type);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
