package dev.rolegate.it.stacks;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One request target that some component could route differently from what a naive string
 * comparison sees (CONTRACT section 5, row 2), the statuses a stack may answer it with, and why.
 *
 * @param target   the raw request target, sent byte for byte over a socket
 * @param withToken whether the request carries a valid {@code reader} token (so that a server that
 *                 normalised the path to an allowed one would let it through, which the test must catch)
 * @param accepted the statuses that count as a refusal for this stack
 * @param why      what the case proves, or why a stack answers otherwise than 400
 */
public record AmbiguousRequest(String target, boolean withToken, Set<Integer> accepted, String why) {
    public AmbiguousRequest {
        accepted = Set.copyOf(accepted);
    }

    /** The table every stack runs unless it states otherwise; {@code port} is the app's. */
    public static List<AmbiguousRequest> defaults(int port) {
        List<AmbiguousRequest> table = new ArrayList<>();
        for (String target : List.of(
                "/items/../admin", "/items/%2e%2e/admin", "/items/%2E%2E/admin", "/items/..;/admin",
                "//items", "/items//1", "/items%2F1", "/items%5C1", "/items\\1",
                "/items;jsessionid=1", "/items/1;x=y", "/items%00", "/items%0a", "/items/%", "/items/%zz",
                "/./items", "/items/./1", "/items/%2e/1", "/items/%252e%252e/admin", "/items/%c0%ae%c0%ae/admin")) {
            table.add(new AmbiguousRequest(target, true, Set.of(400), "ambiguous path: refused before routing"));
        }
        table.add(new AmbiguousRequest("http://127.0.0.1:" + port + "/admin", false, Set.of(401, 400),
                "absolute-form target: decided on its path /admin, which needs a token (401);"
                        + " a server that refuses absolute-form itself answers 400"));
        return table;
    }

    /** {@code table} with the case for {@code target} accepting {@code statuses} instead, for {@code reason}. */
    public static List<AmbiguousRequest> accept(List<AmbiguousRequest> table, String target, String reason,
                                                Integer... statuses) {
        boolean found = false;
        List<AmbiguousRequest> result = new ArrayList<>();
        for (AmbiguousRequest request : table) {
            if (request.target().equals(target)) {
                found = true;
                result.add(new AmbiguousRequest(target, request.withToken(), Set.of(statuses), reason));
            } else {
                result.add(request);
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no ambiguous request " + target + " in the table");
        }
        return result;
    }

    @Override
    public String toString() {
        return target;
    }
}
