package ca.microcred.contracts.events;

/**
 * Canadian provinces and territories by their two-letter postal code: the values the {@code province} fields
 * of {@link ProviderRegistered} and {@link CohortCompleted} may carry.
 */
public enum Province {
    AB, BC, MB, NB, NL, NS, NT, NU, ON, PE, QC, SK, YT
}
