package ca.microcred.contracts.events;

/**
 * A link from a micro-credential to a recognised skills taxonomy entry.
 *
 * @param framework a {@link SkillFramework} name: ESCO, NOC, ONET or OTHER
 */
public record SkillAlignment(String framework, String code, String name, String url) {
}
