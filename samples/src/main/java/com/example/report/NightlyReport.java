package com.example.report;

import com.example.common.Http;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * A batch job: reads stock, tries to correct one item, and reads an order, with
 * {@link HttpURLConnection}. It prints one line per call and always exits 0: it reports what
 * happened, whatever the statuses were.
 *
 * <pre>
 * report: GET http://localhost:8082/items -> 200 {"seenCaller":"nightly-report","items":[...
 * </pre>
 */
public final class NightlyReport {
    private static final int SUMMARY_LENGTH = 240;

    private NightlyReport() {
    }

    public static void main(String[] args) {
        String inventory = Http.env("INVENTORY_URL", "http://localhost:8082");
        String orders = Http.env("ORDERS_URL", "http://localhost:8081");
        call("GET", inventory + "/items", null);
        call("POST", inventory + "/items/1", "{\"stock\":118}");
        call("GET", orders + "/orders/7", null);
        System.out.println("report: done");
    }

    private static void call(String method, String url, String body) {
        String outcome;
        try {
            HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
            connection.setRequestMethod(method);
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(15_000);
            if (body != null) {
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json");
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body.getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = connection.getResponseCode();
            outcome = status + " " + summary(readBody(connection, status));
            connection.disconnect();
        } catch (IOException e) {
            outcome = "error " + e;
        }
        System.out.println("report: " + method + " " + url + " -> " + outcome);
    }

    private static String readBody(HttpURLConnection connection, int status) throws IOException {
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String summary(String body) {
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= SUMMARY_LENGTH ? oneLine : oneLine.substring(0, SUMMARY_LENGTH) + "...";
    }
}
