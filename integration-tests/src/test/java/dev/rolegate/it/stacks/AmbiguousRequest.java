package dev.rolegate.it.stacks;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One request target that some component could route differently from what a naive string
 * comparison sees (CONTRACT section 5, row 2), the statuses a stack may answer it with, and why.
 *
 * @param method    the request method, sent as is
 * @param target    the raw request target, sent byte for byte over a socket
 * @param withToken whether the request carries a valid {@code reader} token (so that a server that
 *                 normalised the path to an allowed one would let it through, which the test must catch)
 * @param accepted the statuses that count as a refusal for this stack; a 2xx only for
 *                 {@link #answeredByTheServerItself}
 * @param why      what the case proves, or why a stack answers otherwise than the agent would
 */
public record AmbiguousRequest(String method, String target, boolean withToken, Set<Integer> accepted, String why) {
    /** Why an ambiguous path gets 400 from the agent. */
    private static final String AMBIGUOUS = "ambiguous path: refused before routing";

    public AmbiguousRequest {
        accepted = Set.copyOf(accepted);
    }

    /** The table every stack runs unless it states otherwise; {@code port} is the app's. */
    public static List<AmbiguousRequest> defaults(int port) {
        List<AmbiguousRequest> table = new ArrayList<>();
        // Under the 4096-byte request line of Netty's decoder, so that the agent, not the decoder, answers.
        String longSegment = "a".repeat(3000);
        for (String target : List.of(
                // dot segments, plain and percent-encoded in every case mix
                "/items/../admin", "/items/%2e%2e/admin", "/items/%2E%2E/admin", "/items/%2e%2E/admin",
                "/items/.%2e/admin", "/items/%2E./admin", "/./items", "/items/./1", "/items/%2e/1", "/items/1/..",
                "/items/..%2fadmin", "/items/..%5cadmin", "/%2e%2e/items/1",
                // encoded slashes and backslashes, raw backslashes, double slashes
                "//items", "///items/1", "/items//1", "/items%2F1", "/items%2f1", "/items%5C1", "/items%5c1",
                "/items\\1", "/items\\..\\admin",
                // path parameters, also on dot segments
                "/items;jsessionid=1", "/items/1;x=y", "/items/..;/admin", "/items/..;x=1/admin", "/items/.;/1",
                "/items/1;",
                // NUL and control characters, percent-encoded
                "/items%00", "/items/1%00.json", "/items%0a", "/items/%0d", "/items/%0D%0A", "/items/%09",
                "/items/%7f", "/items/%1b",
                // malformed percent-encoding
                "/items/%", "/items/%zz", "/items/%2",
                // overlong UTF-8 for '.', '/' and '\'
                "/items/%c0%ae%c0%ae/admin", "/items/%e0%80%ae%e0%80%ae/admin", "/items%c0%afadmin",
                "/items/%c1%9c", "/items/%f0%80%80%ae",
                // double encoding
                "/items/%252e%252e/admin", "/items%252f1", "/items%255c1", "/items/%252e/1",
                // very long paths hiding a dot segment
                "/items/" + longSegment + "/../../admin", "/items/" + "x/".repeat(300) + "../".repeat(301) + "admin")) {
            table.add(new AmbiguousRequest("GET", target, true, Set.of(400), AMBIGUOUS));
        }
        table.add(new AmbiguousRequest("GET", "/ITEMS/1", true, Set.of(403),
                "path patterns are case-sensitive: /ITEMS/1 is not /items/1, so reader gets 403, never 200"));
        table.add(new AmbiguousRequest("GET", "/Items/1", true, Set.of(403),
                "path patterns are case-sensitive: /Items/1 is not /items/1"));
        table.add(new AmbiguousRequest("GET", "/Admin", true, Set.of(403),
                "nothing allows reader on /Admin in any case: 403"));
        table.add(new AmbiguousRequest("GET", "/items/" + longSegment, false, Set.of(401),
                "a very long but plain path is decided like any other: no token, 401"));
        table.add(new AmbiguousRequest("GET", "/items/" + "b".repeat(20_000), false, Set.of(401, 400, 414, 431),
                "a path longer than most servers' request line limit: no token (401), or the server's own"
                        + " refusal of the line (400, 414 URI Too Long, 431)"));
        table.add(new AmbiguousRequest("GET", "http://127.0.0.1:" + port + "/admin", false, Set.of(401, 400),
                "absolute-form target: decided on its path /admin, which needs a token (401);"
                        + " a server that refuses absolute-form itself answers 400"));
        table.add(new AmbiguousRequest("GET", "http://evil.example:1/admin", true, Set.of(403, 400),
                "absolute-form target naming another host: still decided on its path /admin (403 for reader),"
                        + " or refused by the server (400)"));
        table.add(new AmbiguousRequest("GET", "http://reader:pw@127.0.0.1:" + port + "/admin", true, Set.of(403, 400),
                "absolute-form target with userinfo: decided on its path /admin (403), or refused (400)"));
        table.add(new AmbiguousRequest("GET", "http://127.0.0.1:" + port + "/items/../admin", true, Set.of(400),
                "absolute-form target with a dot segment: ambiguous, 400"));
        table.add(new AmbiguousRequest("GET", "*", false, Set.of(400),
                "asterisk-form is only for OPTIONS: a GET of * names no resource"));
        table.add(new AmbiguousRequest("OPTIONS", "*", false, Set.of(400, 401),
                "asterisk-form OPTIONS names no path the policy could allow: refused (400) or no token (401)"));
        table.add(new AmbiguousRequest("GET", "/admin#/items/1", true, Set.of(400, 403),
                "a fragment is never sent; a server that strips it routes /admin (403), one that keeps it"
                        + " routes a path no role allows (403), one that refuses it answers 400"));
        table.add(new AmbiguousRequest("GET", "/items/1#/../../admin", false, Set.of(400, 401),
                "a fragment hiding dot segments: ambiguous (400) when kept, or dropped by the server and"
                        + " decided on /items/1 (401 without token); never the handler"));
        return table;
    }

    /**
     * {@code table} with the case for {@code target} accepting {@code statuses} instead, for {@code reason}:
     * a refusal that the server gives itself before any hook (400, 404, ...), never a success.
     */
    public static List<AmbiguousRequest> accept(List<AmbiguousRequest> table, String target, String reason,
                                                Integer... statuses) {
        for (int status : statuses) {
            if (status < 300) {
                throw new IllegalArgumentException("a success is never an accepted refusal of " + target
                        + " (see answeredByTheServerItself)");
            }
        }
        return replace(table, null, target, reason, statuses);
    }

    /**
     * {@code table} with the case {@code method target} accepting {@code status} even though it is a success,
     * for {@code reason}: only for a server that answers a request entirely by itself, before any hook and
     * any application code (the suite still proves that no application code ran, and that the body is
     * not the application's).
     */
    public static List<AmbiguousRequest> answeredByTheServerItself(List<AmbiguousRequest> table, String method,
                                                                   String target, String reason, int status) {
        return replace(table, method, target, reason, status);
    }

    /** Replaces the cases for {@code target} (and {@code method}, unless null). */
    private static List<AmbiguousRequest> replace(List<AmbiguousRequest> table, String method, String target,
                                                  String reason, Integer... statuses) {
        boolean found = false;
        List<AmbiguousRequest> result = new ArrayList<>();
        for (AmbiguousRequest request : table) {
            if (request.target().equals(target) && (method == null || request.method().equals(method))) {
                found = true;
                result.add(new AmbiguousRequest(request.method(), target, request.withToken(), Set.of(statuses), reason));
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
        String shown = target.length() > 80 ? target.substring(0, 60) + "...(" + target.length() + " chars)" : target;
        return method + " " + shown;
    }
}
