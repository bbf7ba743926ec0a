package ca.microcred.issuer.provider;

/** The kinds of organisation that issue micro-credentials. */
public enum ProviderType {
    COLLEGE, UNIVERSITY, PRIVATE_TRAINER, INDUSTRY_ASSOCIATION
}
