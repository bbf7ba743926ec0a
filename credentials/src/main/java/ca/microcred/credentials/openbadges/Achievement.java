package ca.microcred.credentials.openbadges;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The micro-credential definition (OB 3.0 Achievement). Standard OB fields carry what they can; the fields
 * after {@code version} are micro-credential extension terms defined by the bundled context
 * {@code https://microcred.ca/ns/microcredential/v1} (documented in the module README).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"id", "type", "name", "description", "criteria", "achievementType", "alignment", "creditsAvailable",
        "fieldOfStudy", "humanCode", "inLanguage", "resultDescription", "tag", "version", "workloadHours",
        "assessmentType", "competencyBased", "portfolioRequired", "deliveryMode", "selfPaced", "level", "sector",
        "prerequisites", "stacksInto", "qualityAssurance"})
public record Achievement(
        String id,
        List<String> type,
        String name,
        String description,
        Criteria criteria,
        String achievementType,
        List<Alignment> alignment,
        Double creditsAvailable,
        String fieldOfStudy,
        String humanCode,
        String inLanguage,
        List<ResultDescription> resultDescription,
        List<String> tag,
        String version,
        BigDecimal workloadHours,
        String assessmentType,
        Boolean competencyBased,
        Boolean portfolioRequired,
        String deliveryMode,
        Boolean selfPaced,
        String level,
        String sector,
        List<String> prerequisites,
        List<String> stacksInto,
        QualityAssuranceBody qualityAssurance) {

    public static final String TYPE = "Achievement";
    /** OB AchievementType for micro-credentials. */
    public static final String MICRO_CREDENTIAL = "MicroCredential";

    public Achievement {
        Objects.requireNonNull(id, "achievement id");
        Objects.requireNonNull(name, "achievement name");
        Objects.requireNonNull(description, "achievement description");
        Objects.requireNonNull(criteria, "achievement criteria");
        type = type == null || type.isEmpty() ? List.of(TYPE) : List.copyOf(type);
        alignment = listOrNull(alignment);
        resultDescription = listOrNull(resultDescription);
        tag = listOrNull(tag);
        prerequisites = listOrNull(prerequisites);
        stacksInto = listOrNull(stacksInto);
        if (workloadHours != null && workloadHours.signum() < 0) {
            throw new IllegalArgumentException("workloadHours cannot be negative");
        }
    }

    /** True when any micro-credential extension term is set, so the extension context must be listed. */
    @JsonIgnore
    public boolean usesExtensionTerms() {
        return workloadHours != null || assessmentType != null || competencyBased != null || portfolioRequired != null
                || deliveryMode != null || selfPaced != null || level != null || sector != null
                || prerequisites != null || stacksInto != null || qualityAssurance != null;
    }

    public static Builder builder(String id, String name, String description, Criteria criteria) {
        return new Builder(id, name, description, criteria);
    }

    static <T> List<T> listOrNull(List<T> list) {
        return list == null || list.isEmpty() ? null : List.copyOf(list);
    }

    /** Builds an {@link Achievement}; every optional field starts unset. */
    public static final class Builder {
        private final String id;
        private final String name;
        private final String description;
        private final Criteria criteria;
        private String achievementType = MICRO_CREDENTIAL;
        private final List<Alignment> alignment = new ArrayList<>();
        private Double creditsAvailable;
        private String fieldOfStudy;
        private String humanCode;
        private String inLanguage;
        private final List<ResultDescription> resultDescription = new ArrayList<>();
        private final List<String> tag = new ArrayList<>();
        private String version;
        private BigDecimal workloadHours;
        private String assessmentType;
        private Boolean competencyBased;
        private Boolean portfolioRequired;
        private String deliveryMode;
        private Boolean selfPaced;
        private String level;
        private String sector;
        private final List<String> prerequisites = new ArrayList<>();
        private final List<String> stacksInto = new ArrayList<>();
        private QualityAssuranceBody qualityAssurance;

        private Builder(String id, String name, String description, Criteria criteria) {
            this.id = id;
            this.name = name;
            this.description = description;
            this.criteria = criteria;
        }

        /** OB AchievementType; defaults to {@code MicroCredential}. */
        public Builder achievementType(String value) {
            this.achievementType = value;
            return this;
        }

        public Builder alignment(Alignment value) {
            alignment.add(value);
            return this;
        }

        public Builder creditsAvailable(Double value) {
            this.creditsAvailable = value;
            return this;
        }

        public Builder fieldOfStudy(String value) {
            this.fieldOfStudy = value;
            return this;
        }

        public Builder humanCode(String value) {
            this.humanCode = value;
            return this;
        }

        /** BCP 47 language of the achievement's texts, e.g. {@code en} or {@code fr-CA}. */
        public Builder inLanguage(String value) {
            this.inLanguage = value;
            return this;
        }

        public Builder resultDescription(ResultDescription value) {
            resultDescription.add(value);
            return this;
        }

        public Builder tag(String value) {
            tag.add(value);
            return this;
        }

        public Builder version(String value) {
            this.version = value;
            return this;
        }

        /**
         * Notional learning hours. Whole hours are written as a JSON integer (RDF {@code xsd:integer}), others
         * as a decimal ({@code xsd:double}), the JSON-LD native typing every processor agrees on.
         */
        public Builder workloadHours(double hours) {
            this.workloadHours = hours == Math.rint(hours) ? BigDecimal.valueOf((long) hours) : BigDecimal.valueOf(hours);
            return this;
        }

        public Builder assessmentType(String value) {
            this.assessmentType = value;
            return this;
        }

        public Builder competencyBased(Boolean value) {
            this.competencyBased = value;
            return this;
        }

        public Builder portfolioRequired(Boolean value) {
            this.portfolioRequired = value;
            return this;
        }

        /** {@code ONLINE}, {@code IN_PERSON} or {@code HYBRID}. */
        public Builder deliveryMode(String value) {
            this.deliveryMode = value;
            return this;
        }

        public Builder selfPaced(Boolean value) {
            this.selfPaced = value;
            return this;
        }

        public Builder level(String value) {
            this.level = value;
            return this;
        }

        public Builder sector(String value) {
            this.sector = value;
            return this;
        }

        public Builder prerequisite(String value) {
            prerequisites.add(value);
            return this;
        }

        /** The id (URL) of an achievement this one stacks into. */
        public Builder stacksInto(String achievementId) {
            stacksInto.add(achievementId);
            return this;
        }

        public Builder qualityAssurance(QualityAssuranceBody value) {
            this.qualityAssurance = value;
            return this;
        }

        public Achievement build() {
            return new Achievement(id, null, name, description, criteria, achievementType, alignment, creditsAvailable,
                    fieldOfStudy, humanCode, inLanguage, resultDescription, tag, version, workloadHours, assessmentType,
                    competencyBased, portfolioRequired, deliveryMode, selfPaced, level, sector, prerequisites,
                    stacksInto, qualityAssurance);
        }
    }
}
