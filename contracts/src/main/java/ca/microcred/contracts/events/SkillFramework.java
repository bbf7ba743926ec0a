package ca.microcred.contracts.events;

/** Skills taxonomies a {@link SkillAlignment} may point into: the values its {@code framework} may carry. */
public enum SkillFramework {
    ESCO, NOC, ONET, OTHER
}
