package ca.microcred.issuer.achievement;

/** A draft is visible to its provider only; a published micro-credential is public and can be awarded. */
public enum AchievementStatus {
    DRAFT, PUBLISHED
}
