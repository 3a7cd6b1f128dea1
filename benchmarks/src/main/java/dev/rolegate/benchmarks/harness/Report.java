package dev.rolegate.benchmarks.harness;

import java.util.ArrayList;
import java.util.List;

/** Figures measured by the harnesses, each with its goal and how to reproduce it, as markdown rows. */
public final class Report {
    /** One figure. {@code met} is null for report-only figures. */
    public record Row(String what, String measured, String goal, Boolean met, String reproduce) {
        String markdown() {
            String verdict = met == null ? "report" : met ? "met" : "**missed**";
            return "| " + what + " | " + measured + " | " + goal + " | " + verdict + " | `" + reproduce + "` |";
        }
    }

    /** The measured value of a figure whose benchmark could not run. */
    public static final String FAILED = "failed";

    private final List<Row> rows = new ArrayList<>();

    public synchronized void add(String what, String measured, String goal, Boolean met, String reproduce) {
        Row r = new Row(what, measured, goal, met, reproduce);
        rows.add(r);
        System.out.println("ROW " + r.markdown());
    }

    public synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    static String ms(double nanos) {
        return String.format("%.1f ms", nanos / 1e6);
    }

    static String us(double nanos) {
        return String.format("%.0f µs", nanos / 1e3);
    }

    static double median(List<Double> values) {
        List<Double> s = new ArrayList<>(values);
        s.sort(null);
        int n = s.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    static double percentile(List<Double> values, double p) {
        List<Double> s = new ArrayList<>(values);
        s.sort(null);
        return s.isEmpty() ? Double.NaN : s.get(Math.min(s.size() - 1, (int) Math.floor(s.size() * p)));
    }
}
