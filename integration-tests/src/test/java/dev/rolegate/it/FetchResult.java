package dev.rolegate.it;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the samples' {@code com.example.cli.Fetch} client printed: status, headers, body. */
record FetchResult(int status, Map<String, String> headers, String body) {
    private static final Pattern STATUS_LINE = Pattern.compile("^HTTP (\\d{3})$");

    static FetchResult parse(List<String> stdout) {
        int start = -1;
        int status = 0;
        for (int i = 0; i < stdout.size() && start < 0; i++) {
            Matcher matcher = STATUS_LINE.matcher(stdout.get(i));
            if (matcher.matches()) {
                start = i;
                status = Integer.parseInt(matcher.group(1));
            }
        }
        if (start < 0) {
            throw new AssertionError("Fetch printed no status line:\n" + String.join("\n", stdout));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        int i = start + 1;
        for (; i < stdout.size() && !stdout.get(i).isEmpty(); i++) {
            String line = stdout.get(i);
            int colon = line.indexOf(": ");
            headers.merge(line.substring(0, colon), line.substring(colon + 2), (a, b) -> a + ", " + b);
        }
        String body = String.join("\n", stdout.subList(Math.min(i + 1, stdout.size()), stdout.size()));
        return new FetchResult(status, Map.copyOf(headers), body);
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }
}
