package ca.microcred.issuer.provider.rest;

import ca.microcred.contracts.Topics;
import ca.microcred.credentials.keys.Ed25519PublicKey;
import ca.microcred.devstack.DevTokens;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.issuer.keys.ProviderKeys;
import ca.microcred.issuer.keys.SigningKey;
import com.mongodb.client.MongoClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static ca.microcred.issuer.provider.rest.ProviderFixtures.newProviderId;
import static ca.microcred.issuer.provider.rest.ProviderFixtures.provider;
import static ca.microcred.issuer.provider.rest.ProviderFixtures.register;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class ProviderResourceTest {

    @Inject
    MongoClient mongo;

    @Inject
    ProviderKeys providerKeys;

    @Test
    void operatorRegistersAndTheProviderReadsAndUpdatesItsOwnRecord() {
        String id = newProviderId();
        given().auth().oauth2(DevTokens.operator()).contentType(ContentType.JSON).body(provider(id))
                .when().post("/providers")
                .then().statusCode(201)
                .header("Location", endsWith("/providers/" + id))
                .body("id", equalTo(id))
                .body("name.fr", equalTo("Collège Boréal"))
                .body("did", equalTo("did:web:localhost%3A8081:providers:" + id))
                .body("didDocumentUrl", equalTo("http://localhost:8081/providers/" + id + "/did.json"))
                .body("keys", hasSize(1))
                .body("keys[0].active", equalTo(true));

        given().auth().oauth2(DevTokens.provider(id))
                .when().get("/providers/{id}", id)
                .then().statusCode(200).body("email", equalTo("registrar@collegeboreal.ca"))
                .body("includeLearnerName", equalTo(true));

        Map<String, Object> changed = provider(id);
        changed.put("name", Map.of("en", "Boreal College", "fr", "Collège Boréal"));
        changed.put("province", "QC");
        changed.put("providerType", "UNIVERSITY");
        changed.put("includeLearnerName", false);
        given().auth().oauth2(DevTokens.provider(id)).contentType(ContentType.JSON).body(changed)
                .when().put("/providers/{id}", id)
                .then().statusCode(200).body("name.en", equalTo("Boreal College")).body("province", equalTo("QC"));

        given().auth().oauth2(DevTokens.provider(id)).get("/providers/{id}", id)
                .then().statusCode(200)
                .body("providerType", equalTo("UNIVERSITY"))
                .body("includeLearnerName", equalTo(false));
        given().auth().oauth2(DevTokens.operator()).queryParam("limit", 200).get("/providers")
                .then().statusCode(200).body("id", hasItem(id));
    }

    @Test
    void aProviderCannotTouchAnotherProvider() {
        String id = register();
        String other = DevTokens.provider(newProviderId());
        given().auth().oauth2(other).get("/providers/{id}", id)
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
        given().auth().oauth2(other).contentType(ContentType.JSON).body(provider(id)).put("/providers/{id}", id)
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(other).post("/providers/{id}/keys/rotate", id)
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(other).get("/providers")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(DevTokens.provider(id)).contentType(ContentType.JSON).body(provider(newProviderId()))
                .post("/providers")
                .then().statusCode(403).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(provider(newProviderId())).post("/providers")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void unknownProvidersAre404Problems() {
        given().auth().oauth2(DevTokens.operator()).get("/providers/{id}", "no-such-provider")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("Provider 'no-such-provider' does not exist"));
        given().get("/providers/{id}/did.json", "no-such-provider")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(DevTokens.operator()).post("/providers/{id}/keys/rotate", "no-such-provider")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(DevTokens.operator()).contentType(ContentType.JSON).body(provider("no-such-provider"))
                .put("/providers/{id}", "no-such-provider")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void everyProblemOfARegistrationIsListedAtOnce() {
        Map<String, Object> bad = new HashMap<>();
        bad.put("id", "Not A Valid Id!");
        bad.put("name", Map.of("en", "Only English"));
        bad.put("url", "http://insecure.example.ca");
        bad.put("email", "not-an-email");
        bad.put("province", "ZZ");
        bad.put("providerType", "CASINO");
        given().auth().oauth2(DevTokens.operator()).contentType(ContentType.JSON).body(bad)
                .when().post("/providers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", containsInAnyOrder("id", "name.fr", "url", "email", "province",
                        "providerType"));
    }

    @Test
    void aTakenIdIsAConflict() {
        String id = register();
        given().auth().oauth2(DevTokens.operator()).contentType(ContentType.JSON).body(provider(id))
                .post("/providers")
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void theDidDocumentKeepsEveryKeyAcrossRotations() {
        String id = register();
        String did = "did:web:localhost%3A8081:providers:" + id;
        ExtractableResponse<Response> before = given().get("/providers/{id}/did.json", id)
                .then().statusCode(200)
                .body("id", equalTo(did))
                .body("@context", hasItem("https://www.w3.org/ns/did/v1"))
                .body("verificationMethod", hasSize(1))
                .body("verificationMethod[0].type", equalTo("Multikey"))
                .body("verificationMethod[0].controller", equalTo(did))
                .body("verificationMethod[0].publicKeyMultibase", startsWith("z6Mk"))
                .extract();
        String firstMethod = before.path("verificationMethod[0].id");
        String firstKey = before.path("verificationMethod[0].publicKeyMultibase");
        assertEquals(firstMethod, providerKeys.signingKey(id).verificationMethod());

        String secondMethod = given().auth().oauth2(DevTokens.provider(id)).post("/providers/{id}/keys/rotate", id)
                .then().statusCode(200).body("keys", hasSize(2)).body("keys[1].active", equalTo(true))
                .body("keys[0].active", equalTo(false))
                .extract().path("keys[1].verificationMethod");
        assertNotEquals(firstMethod, secondMethod);

        given().get("/providers/{id}/did.json", id)
                .then().statusCode(200)
                .body("verificationMethod", hasSize(2))
                .body("verificationMethod.id", containsInAnyOrder(firstMethod, secondMethod))
                .body("verificationMethod[0].publicKeyMultibase", equalTo(firstKey))
                .body("assertionMethod", containsInAnyOrder(firstMethod, secondMethod))
                .body("authentication", containsInAnyOrder(secondMethod));

        SigningKey signing = providerKeys.signingKey(id);
        assertEquals(secondMethod, signing.verificationMethod());
        assertEquals(did, signing.issuerDid());
        // the decrypted private key signs what the published key of the new method verifies
        String publishedKey = given().get("/providers/{id}/did.json", id).then().extract()
                .path("verificationMethod.find { it.id == '" + secondMethod + "' }.publicKeyMultibase");
        byte[] message = "credential".getBytes(StandardCharsets.UTF_8);
        assertTrue(Ed25519PublicKey.fromMultikey(publishedKey).verify(message, signing.keyPair().sign(message)));
    }

    @Test
    void privateKeysAreStoredEncrypted() {
        String id = register();
        SigningKey signing = providerKeys.signingKey(id);
        Document stored = mongo.getDatabase("issuer").getCollection("providers").find(new Document("_id", id)).first();
        List<Document> keys = stored.getList("keys", Document.class);
        assertEquals(1, keys.size());
        String encrypted = keys.get(0).getString("encryptedPrivateKey");
        assertTrue(encrypted.startsWith("A256GCM:"), encrypted);

        String json = stored.toJson();
        byte[] plain = signing.keyPair().seed();
        assertFalse(json.contains(Base64.getEncoder().encodeToString(plain)));
        assertFalse(json.contains(Base64.getUrlEncoder().withoutPadding().encodeToString(plain)));
        assertFalse(json.toLowerCase().contains(HexFormat.of().formatHex(plain)));
        byte[] ciphertext = Base64.getDecoder().decode(encrypted.substring("A256GCM:".length()));
        assertEquals(12 + 32 + 16, ciphertext.length, "nonce, sealed key and tag");
        assertFalse(HexFormat.of().formatHex(ciphertext).contains(HexFormat.of().formatHex(plain)));
        // the API never shows private material either
        String view = given().auth().oauth2(DevTokens.operator()).get("/providers/{id}", id).asString();
        assertFalse(view.contains("encryptedPrivateKey"));
        assertFalse(view.contains(encrypted.substring(8, 30)));
    }

    @Test
    void registrationPublishesProviderRegisteredOnce() {
        String id = register();
        List<ConsumerRecord<String, byte[]>> records = TopicEvents.recordsFor(Topics.PROVIDERS, id,
                Duration.ofSeconds(30), Duration.ofSeconds(3));
        assertEquals(1, records.size(), "ProviderRegistered published exactly once");
        ConsumerRecord<String, byte[]> record = records.get(0);
        assertEquals("ca.microcred.provider.registered.v1", TopicEvents.header(record, "ce_type"));
        assertEquals(id, TopicEvents.header(record, "ce_subject"));
        String data = TopicEvents.data(record);
        assertTrue(data.contains("\"did\":\"did:web:localhost%3A8081:providers:" + id + "\""), data);
        assertTrue(data.contains("\"providerType\":\"COLLEGE\""), data);
        await().atMost(Duration.ofSeconds(10)).until(() -> !mongo.getDatabase("issuer").getCollection("providers")
                .find(new Document("_id", id)).first().getBoolean("outboxPending"));
    }
}
