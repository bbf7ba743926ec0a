package ca.microcred.notification.webhook;

import ca.microcred.notification.config.NotificationConfig;
import ca.microcred.support.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which URLs may receive webhooks. Employers choose the URL, so without this rule they could make the
 * service call addresses only it can reach (its own admin endpoints, cloud metadata at 169.254.169.254, other
 * internal services): targets must be https and every address the host resolves to must be public. Loopback
 * targets are allowed only when {@link NotificationConfig#allowLoopbackWebhooks()} is on (dev, test, local demo).
 * The check runs when a subscription is created and again before every attempt, because DNS answers change.
 */
@ApplicationScoped
public class WebhookTargetPolicy {

    static final int MAX_LENGTH = 2048;

    private final boolean allowLoopback;

    @Inject
    public WebhookTargetPolicy(NotificationConfig config) {
        this(config.allowLoopbackWebhooks());
    }

    public WebhookTargetPolicy(boolean allowLoopback) {
        this.allowLoopback = allowLoopback;
    }

    /** Every reason the URL cannot receive webhooks, as violations of {@code field}; empty when it can. */
    public List<Problem.Violation> check(String field, String url) {
        List<Problem.Violation> violations = new ArrayList<>();
        for (String problem : problems(url)) {
            violations.add(new Problem.Violation(field, problem));
        }
        return violations;
    }

    /** Why a webhook may not be sent to this URL right now, or empty when it may. */
    public Optional<String> refusal(String url) {
        List<String> problems = problems(url);
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    private List<String> problems(String url) {
        if (url == null || url.isBlank()) {
            return List.of("must not be blank");
        }
        if (url.length() > MAX_LENGTH) {
            return List.of("must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            return List.of("must be an absolute https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            return List.of("must be an absolute https URL with a host name");
        }
        List<String> problems = new ArrayList<>();
        if (uri.getRawUserInfo() != null) {
            problems.add("must not contain a user name or password");
        }
        String host = uri.getHost();
        List<InetAddress> addresses = resolve(host);
        boolean loopbackOnly = !addresses.isEmpty() && addresses.stream().allMatch(InetAddress::isLoopbackAddress);
        if (loopbackOnly && allowLoopback) {
            return problems;
        }
        if (!scheme.equals("https")) {
            problems.add("must use https");
        } else if (addresses.isEmpty()) {
            problems.add("host '" + host + "' cannot be resolved");
        }
        Set<String> refused = new LinkedHashSet<>();
        for (InetAddress address : addresses) {
            classify(address).ifPresent(kind -> refused.add(address.getHostAddress() + " (" + kind + ")"));
        }
        if (!refused.isEmpty()) {
            problems.add("resolves to " + String.join(", ", refused) + "; webhooks must reach a public address");
        }
        return problems;
    }

    private static List<InetAddress> resolve(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            return List.of(InetAddress.getAllByName(bare));
        } catch (UnknownHostException | SecurityException e) {
            return List.of();
        }
    }

    /** What kind of non-public address this is, or empty for a public one. */
    static Optional<String> classify(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return Optional.of("an unspecified address");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local address");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("a private address");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            if (first == 0 || first >= 240) {
                return Optional.of("a reserved address");
            }
            if (first == 100 && second >= 64 && second <= 127) {
                return Optional.of("a shared (carrier-grade NAT) address");
            }
            if (first == 198 && (second == 18 || second == 19)) {
                return Optional.of("a reserved address");
            }
            return Optional.empty();
        }
        if (address instanceof Inet6Address) {
            if ((bytes[0] & 0xfe) == 0xfc) {
                return Optional.of("a private (unique local) address");
            }
            Optional<InetAddress> embedded = embeddedIpv4((Inet6Address) address);
            if (embedded.isPresent()) {
                return classify(embedded.get());
            }
        }
        return Optional.empty();
    }

    /** The IPv4 address inside an IPv4-compatible (::a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) IPv6 address. */
    private static Optional<InetAddress> embeddedIpv4(Inet6Address address) {
        byte[] bytes = address.getAddress();
        boolean nat64 = (bytes[0] & 0xff) == 0x00 && (bytes[1] & 0xff) == 0x64 && (bytes[2] & 0xff) == 0xff
                && (bytes[3] & 0xff) == 0x9b && allZero(bytes, 4, 12);
        if (!address.isIPv4CompatibleAddress() && !nat64) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(new byte[]{bytes[12], bytes[13], bytes[14], bytes[15]}));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
