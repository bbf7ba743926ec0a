package ca.microcred.notification.webhook;

import ca.microcred.support.problem.Problem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookTargetPolicyTest {

    private final WebhookTargetPolicy production = new WebhookTargetPolicy(false);
    private final WebhookTargetPolicy devAndTest = new WebhookTargetPolicy(true);

    @ParameterizedTest
    @ValueSource(strings = {"https://203.0.113.10/hooks/microcred", "https://8.8.8.8:8443/hook?x=1",
            "https://[2001:4860:4860::8888]/hook"})
    void acceptsHttpsToPublicAddresses(String url) {
        assertEquals(List.of(), production.check("webhookUrl", url));
        assertTrue(production.refusal(url).isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://127.0.0.1/hook          | resolves to 127.0.0.1 (a loopback address)",
            "https://localhost:8443/hook     | a loopback address",
            "https://[::1]/hook              | a loopback address",
            "https://10.1.2.3/hook           | resolves to 10.1.2.3 (a private address)",
            "https://172.16.4.5/hook         | a private address",
            "https://192.168.1.20/hook       | a private address",
            "https://169.254.169.254/latest  | a link-local address",
            "https://[fe80::1]/hook          | a link-local address",
            "https://[fd12:3456::1]/hook     | a private (unique local) address",
            "https://[::ffff:10.0.0.1]/hook  | a private address",
            "https://[64:ff9b::a00:1]/hook   | a private address",
            "https://100.64.0.7/hook         | a shared (carrier-grade NAT) address",
            "https://0.0.0.0/hook            | an unspecified address",
            "https://224.0.0.1/hook          | a multicast address",
    })
    void refusesAddressesOnlyTheServiceCouldReach(String url, String expected) {
        List<Problem.Violation> violations = production.check("webhookUrl", url);

        assertEquals(1, violations.size(), violations.toString());
        assertEquals("webhookUrl", violations.get(0).field());
        assertTrue(violations.get(0).message().contains(expected), violations.get(0).message());
        assertTrue(production.refusal(url).isPresent());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://203.0.113.10/hook        | must use https",
            "ftp://203.0.113.10/hook         | must be an absolute https URL with a host name",
            "/relative/hook                  | must be an absolute https URL with a host name",
            "https://exa mple.com/hook       | must be an absolute https URL",
            "https://user:pw@203.0.113.10/h  | must not contain a user name or password",
    })
    void refusesUrlsThatAreNotPlainHttps(String url, String expected) {
        List<Problem.Violation> violations = production.check("webhookUrl", url);

        assertEquals(1, violations.size(), violations.toString());
        assertEquals(expected, violations.get(0).message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.1.2.3/hook", "http://127.0.0.1:9000/hook"})
    void namesEveryProblemOfAPlainHttpInternalUrl(String url) {
        List<Problem.Violation> violations = production.check("webhookUrl", url);

        assertEquals(2, violations.size(), violations.toString());
        assertEquals("must use https", violations.get(0).message());
        assertTrue(violations.get(1).message().contains("webhooks must reach a public address"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9000/hook", "https://127.0.0.1/hook", "http://localhost:8089/webhooks",
            "http://[::1]:9000/hook"})
    void loopbackIsAllowedOnlyWhenConfigured(String url) {
        assertEquals(List.of(), devAndTest.check("webhookUrl", url));
        assertTrue(production.refusal(url).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.1.2.3/hook", "https://192.168.1.20/hook", "https://169.254.169.254/"})
    void allowingLoopbackStillRefusesOtherInternalAddresses(String url) {
        assertTrue(devAndTest.refusal(url).isPresent());
    }
}
