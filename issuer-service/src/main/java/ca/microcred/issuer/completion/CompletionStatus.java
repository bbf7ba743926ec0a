package ca.microcred.issuer.completion;

/**
 * ACCEPTED: stored, credentials being issued (processing resumes after a crash). COMPLETED: every credential
 * is issued and CohortCompleted is on its way out through the outbox.
 */
public enum CompletionStatus {
    ACCEPTED, COMPLETED
}
