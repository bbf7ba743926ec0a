package ca.microcred.issuer.achievement;

/** How learners show what they can do. */
public enum AssessmentType {
    PROJECT, EXAM, PORTFOLIO, PRACTICAL, OTHER
}
