package dev.rolegate.policy;

/**
 * One validation problem in a policy document.
 *
 * @param location where it is: {@code "line 12, column 5 (roles.reader.allow[0].service)"} for YAML,
 *                 a JSON path such as {@code "$.roles.reader.allow[0].service"} for JSON
 * @param message  what is wrong, quoting the offending name or value
 */
public record Problem(String location, String message) {
    @Override
    public String toString() {
        return location + ": " + message;
    }
}
