package ca.microcred.issuer.cohort;

/** A cohort is open until its completion is accepted; a closed cohort takes no further completion. */
public enum CohortStatus {
    OPEN, CLOSED
}
