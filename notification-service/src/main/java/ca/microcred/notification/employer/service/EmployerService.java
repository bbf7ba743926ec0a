package ca.microcred.notification.employer.service;

import ca.microcred.contracts.events.Province;
import ca.microcred.notification.common.MergePatch;
import ca.microcred.notification.employer.Employer;
import ca.microcred.notification.employer.repository.EmployerRepository;
import ca.microcred.notification.employer.rest.EmployerRequest;
import ca.microcred.support.problem.Problem;
import ca.microcred.support.problem.ProblemException;
import ca.microcred.support.security.Caller;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Employer profiles. An employer token creates, reads and changes only its own; operators manage all. Another
 * employer's profile answers 404, like a missing one, so ids cannot be probed.
 */
@ApplicationScoped
public class EmployerService {

    public static final Set<String> LANGUAGES = Set.of("en", "fr");
    static final int MAX_TEXT = 200;
    static final int MAX_ID = 100;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]*$");

    /** Members a merge patch may set: the profile, not the id. */
    private static final Set<String> PATCHABLE = Set.of("organisationName", "contactEmail", "preferredLanguage",
            "provincesOfInterest");

    private final EmployerRepository employers;
    private final Caller caller;
    private final ObjectMapper json;

    public EmployerService(EmployerRepository employers, Caller caller, ObjectMapper json) {
        this.employers = employers;
        this.caller = caller;
        this.json = json;
    }

    public Employer create(EmployerRequest request) {
        if (request == null) {
            throw ProblemException.invalid(List.of(new Problem.Violation("body", "a JSON body is required")));
        }
        String id;
        List<Problem.Violation> violations = new ArrayList<>();
        if (caller.isOperator()) {
            id = request.id() == null ? null : request.id().trim();
            if (id == null || id.isEmpty()) {
                violations.add(new Problem.Violation("id", "must not be blank"));
            } else if (id.length() > MAX_ID || !ID.matcher(id).matches()) {
                violations.add(new Problem.Violation("id",
                        "must be at most " + MAX_ID + " letters, digits, '.', '_', ':' or '-'"));
            }
        } else {
            id = caller.ownEmployerId();
            if (request.id() != null && !request.id().isBlank()) {
                caller.requireEmployer(request.id().trim());
            }
        }
        violations.addAll(validate(request));
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        Employer employer = new Employer();
        employer.id = id;
        apply(employer, request);
        employer.createdAt = employer.updatedAt;
        if (!employers.insertNew(employer)) {
            throw ProblemException.conflict("Employer '" + id + "' already has a profile; change it with PUT");
        }
        Log.infof("Employer profile %s created by %s", id, caller.actor());
        return employer;
    }

    /** The profile if the caller may see it; otherwise 404, whether it exists or not. */
    public Employer visible(String id) {
        return employers.findByIdOptional(id)
                .filter(e -> caller.isOperator() || caller.employerId().filter(e.id::equals).isPresent())
                .orElseThrow(() -> ProblemException.notFound("Employer", id));
    }

    /** The profile used to address an employer's notifications, if the employer has one. */
    public Optional<Employer> find(String id) {
        return employers.findByIdOptional(id);
    }

    public List<Employer> list(int offset, int limit) {
        if (caller.isOperator()) {
            return employers.list(offset, limit);
        }
        return employers.findByIdOptional(caller.ownEmployerId()).stream().skip(offset).limit(limit).toList();
    }

    public Employer update(String id, EmployerRequest request) {
        Employer employer = visible(id);
        if (request == null) {
            throw ProblemException.invalid(List.of(new Problem.Violation("body", "a JSON body is required")));
        }
        List<Problem.Violation> violations = new ArrayList<>();
        if (request.id() != null && !request.id().isBlank() && !request.id().trim().equals(id)) {
            violations.add(new Problem.Violation("id", "must be absent or equal to the id in the path"));
        }
        violations.addAll(validate(request));
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        apply(employer, request);
        employers.update(employer);
        return employer;
    }

    /**
     * Applies a JSON merge patch (RFC 7396) to the profile: only the members given change, and the result is
     * validated like a full replacement.
     */
    public Employer patch(String id, String mergePatch) throws JsonProcessingException {
        Employer employer = visible(id);
        EmployerRequest current = new EmployerRequest(null, employer.organisationName, employer.contactEmail,
                employer.preferredLanguage, employer.provincesOfInterest);
        return update(id, MergePatch.apply(json, current, mergePatch, PATCHABLE, EmployerRequest.class));
    }

    private static void apply(Employer employer, EmployerRequest request) {
        employer.organisationName = request.organisationName().trim();
        employer.contactEmail = request.contactEmail().trim();
        employer.preferredLanguage = request.preferredLanguage().trim().toLowerCase(Locale.ROOT);
        employer.provincesOfInterest = request.provincesOfInterest() == null ? new ArrayList<>()
                : new ArrayList<>(new LinkedHashSet<>(request.provincesOfInterest().stream()
                .map(p -> p.trim().toUpperCase(Locale.ROOT)).toList()));
        employer.updatedAt = Instant.now();
    }

    private static List<Problem.Violation> validate(EmployerRequest request) {
        List<Problem.Violation> violations = new ArrayList<>();
        String name = request.organisationName();
        if (name == null || name.isBlank()) {
            violations.add(new Problem.Violation("organisationName", "must not be blank"));
        } else if (name.trim().length() > MAX_TEXT) {
            violations.add(new Problem.Violation("organisationName", "must be at most " + MAX_TEXT + " characters"));
        }
        String email = request.contactEmail();
        if (email == null || email.isBlank()) {
            violations.add(new Problem.Violation("contactEmail", "must not be blank"));
        } else if (email.trim().length() > MAX_TEXT || !EMAIL.matcher(email.trim()).matches()) {
            violations.add(new Problem.Violation("contactEmail", "must be an email address"));
        }
        String language = request.preferredLanguage();
        if (language == null || !LANGUAGES.contains(language.trim().toLowerCase(Locale.ROOT))) {
            violations.add(new Problem.Violation("preferredLanguage", "must be en or fr"));
        }
        List<String> provinces = request.provincesOfInterest();
        if (provinces != null) {
            for (int i = 0; i < provinces.size(); i++) {
                if (!isProvince(provinces.get(i))) {
                    violations.add(new Problem.Violation("provincesOfInterest[" + i + "]",
                            "must be a province or territory code (" + provinceCodes() + ")"));
                }
            }
        }
        return violations;
    }

    public static boolean isProvince(String code) {
        if (code == null) {
            return false;
        }
        try {
            Province.valueOf(code.trim().toUpperCase(Locale.ROOT));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static String provinceCodes() {
        StringBuilder codes = new StringBuilder();
        for (Province province : Province.values()) {
            codes.append(codes.length() == 0 ? "" : ", ").append(province.name());
        }
        return codes.toString();
    }
}
