package dev.rolegate.server.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations such as {@code 30d}, {@code 12h}, {@code 15m} or {@code 90s} in settings. */
public final class Durations {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smhd])");

    private Durations() {
    }

    /** A positive duration; the message of the exception names {@code setting}. */
    public static Duration parse(String setting, String value) throws ConfigException {
        Matcher m = DURATION.matcher(value.strip());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new ConfigException(setting + " must be a positive number followed by s, m, h or d (e.g. 30d), got \""
                    + value + "\"");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
