package dev.rolegate.policy;

/**
 * The outcome of {@link CompiledPolicy#decide}.
 *
 * @param allowed whether some role bound to the caller allows the request
 * @param role    the granting role when allowed, else {@code null}
 * @param rule    a readable form of the granting rule when allowed (e.g. {@code "GET,HEAD /items/*"}), else {@code null}
 * @param reason  one human sentence: why it was allowed or denied, naming caller, method, path and service
 */
public record Decision(boolean allowed, String role, String rule, String reason) {
}
