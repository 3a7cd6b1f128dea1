package dev.rolegate.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The lines a child process has written so far to one stream; safe to read while it grows. */
public final class OutputLines {
    private final List<String> lines = new ArrayList<>();

    public synchronized void add(String line) {
        lines.add(line);
    }

    public synchronized List<String> snapshot() {
        return List.copyOf(lines);
    }

    /** The first line in which {@code pattern} is found, as a matcher positioned on it. */
    public synchronized Optional<Matcher> find(Pattern pattern) {
        for (String line : lines) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return Optional.of(matcher);
            }
        }
        return Optional.empty();
    }

    public synchronized long count(String text) {
        return lines.stream().filter(line -> line.contains(text)).count();
    }

    public synchronized boolean contains(String text) {
        return lines.stream().anyMatch(line -> line.contains(text));
    }

    @Override
    public synchronized String toString() {
        return String.join("\n", lines);
    }
}
