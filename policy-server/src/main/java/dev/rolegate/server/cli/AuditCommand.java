package dev.rolegate.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code audit}: queries the server's decision records ({@code GET /v1/audit}), one JSON line each. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Prints decision records stored by the server (GET /v1/audit), oldest first, one JSON line each.")
final class AuditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    AdminClient client;
    @Option(names = "--decision", description = "allow, deny or would-deny")
    String decision;
    @Option(names = "--caller", description = "calling identity")
    String caller;
    @Option(names = "--service", description = "receiving service")
    String service;
    @Option(names = "--since", description = "ISO-8601 instant, e.g. 2026-12-03T18:00:00Z")
    String since;
    @Option(names = "--limit", description = "at most this many records (default 100)")
    Integer limit;

    @Override
    public Integer call() throws Exception {
        Map<String, String> q = new LinkedHashMap<>();
        put(q, "decision", decision);
        put(q, "caller", caller);
        put(q, "service", service);
        put(q, "since", since);
        put(q, "limit", limit == null ? null : limit.toString());
        String query = q.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> r = client.send("GET", "/v1/audit" + (query.isEmpty() ? "" : "?" + query), null);
        if (r.statusCode() != 200) {
            spec.commandLine().getErr().println("error: the server answered HTTP " + r.statusCode() + ": " + r.body());
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        for (JsonNode record : new ObjectMapper().readTree(r.body())) {
            out.println(record.toString());
        }
        return 0;
    }

    private static void put(Map<String, String> q, String name, String value) {
        if (value != null && !value.isBlank()) {
            q.put(name, value);
        }
    }
}
