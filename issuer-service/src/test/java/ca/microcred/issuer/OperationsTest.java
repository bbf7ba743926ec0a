package ca.microcred.issuer;

import ca.microcred.devstack.DevstackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;

@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class OperationsTest {

    @Test
    void readinessReportsKafkaAndMongo() {
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Kafka connection health check", "MongoDB connection health check"));
    }

    @Test
    void metricsAreServedAsPrometheusText() {
        given().accept("text/plain").get("/q/metrics")
                .then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("# TYPE jvm_memory_used_bytes gauge"))
                .body(containsString("microcred_issuer_credentials_issued_total"));
    }

    @Test
    void apiDocsListTheEndpointsTheirProblemsAndWhichCredentialsAreSigned() {
        given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200)
                .body("paths", hasKey("/completions"))
                .body("paths", hasKey("/completions/{completionId}"))
                .body("paths", hasKey("/credentials/{credentialId}"))
                .body("info.description", containsString("signed with the provider's did:web key"))
                .body("paths.'/completions'.post.description", containsString("signed with the provider's did:web key"))
                .body("paths.'/credentials/{credentialId}'.get.description",
                        containsString("signed with the provider's did:web key"))
                .body("paths.'/completions'.post.requestBody.content", hasKey("text/csv"))
                .body("paths.'/completions'.post.responses.'404'.content", hasKey("application/problem+json"))
                .body("paths.'/completions'.post.responses.'400'.content", hasKey("application/problem+json"))
                .body("paths.'/completions/{completionId}'.get.responses.'404'.content",
                        hasKey("application/problem+json"));
    }
}
