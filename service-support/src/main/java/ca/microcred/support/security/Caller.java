package ca.microcred.support.security;

import ca.microcred.support.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;

/**
 * Who is calling, read from the bearer token: the roles in {@code groups} and the tenant claims that tie a
 * provider or employer token to its own data.
 */
@RequestScoped
public class Caller {

    public static final String PROVIDER = "provider";
    public static final String EMPLOYER = "employer";
    public static final String OPERATOR = "operator";

    private final JsonWebToken jwt;

    public Caller(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    public boolean isOperator() {
        return jwt.getGroups() != null && jwt.getGroups().contains(OPERATOR);
    }

    public Optional<String> providerId() {
        return claim("provider_id");
    }

    public Optional<String> employerId() {
        return claim("employer_id");
    }

    /** Who made a change, for audit records: the token subject. */
    public String actor() {
        String name = jwt.getName();
        return name == null ? "anonymous" : name;
    }

    /** Operators may act for any provider; a provider token only for the provider named in its claim. */
    public void requireProvider(String providerId) {
        if (isOperator()) {
            return;
        }
        if (providerId().filter(providerId::equals).isEmpty()) {
            throw ProblemException.forbidden("This token may not act for provider '" + providerId + "'");
        }
    }

    /** Operators may act for any employer; an employer token only for the employer named in its claim. */
    public void requireEmployer(String employerId) {
        if (isOperator()) {
            return;
        }
        if (employerId().filter(employerId::equals).isEmpty()) {
            throw ProblemException.forbidden("This token may not act for employer '" + employerId + "'");
        }
    }

    /** The provider a provider token acts for; a token without the claim cannot act as a provider. */
    public String ownProviderId() {
        return providerId().orElseThrow(() -> ProblemException.forbidden("The token carries no provider_id claim"));
    }

    /** The employer an employer token acts for; a token without the claim cannot act as an employer. */
    public String ownEmployerId() {
        return employerId().orElseThrow(() -> ProblemException.forbidden("The token carries no employer_id claim"));
    }

    private Optional<String> claim(String name) {
        Object value = jwt.getClaim(name);
        if (value == null) {
            return Optional.empty();
        }
        String text = value instanceof jakarta.json.JsonString s ? s.getString() : value.toString();
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }
}
