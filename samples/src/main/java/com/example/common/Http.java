package com.example.common;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Small helpers the sample services share: reading and writing exchanges, JSON strings. */
public final class Http {
    /** The header through which the services learn who called them (set by whatever sits in front). */
    public static final String CALLER_HEADER = "Rolegate-Caller";

    private Http() {
    }

    /** The caller the service saw for this request, or {@code anonymous}. */
    public static String callerOf(HttpExchange exchange) {
        String caller = exchange.getRequestHeaders().getFirst(CALLER_HEADER);
        return caller == null || caller.isBlank() ? "anonymous" : caller;
    }

    /** Logs one line per request that reached the application. */
    public static void logHandled(String service, HttpExchange exchange) {
        System.out.println(service + " handled " + exchange.getRequestMethod() + " "
                + exchange.getRequestURI().getPath() + " caller=" + callerOf(exchange));
    }

    public static String readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    public static void sendJson(HttpExchange exchange, int status, String json) throws IOException {
        send(exchange, status, "application/json", json);
    }

    public static void send(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A JSON string literal. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Reads an int environment variable, or the default when it is unset. */
    public static int envInt(String name, int defaultValue) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? defaultValue : Integer.parseInt(value.trim());
    }

    /** Reads an environment variable, or the default when it is unset. */
    public static String env(String name, String defaultValue) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }
}
