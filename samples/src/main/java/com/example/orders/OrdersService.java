package com.example.orders;

import static com.example.common.Http.callerOf;
import static com.example.common.Http.logHandled;
import static com.example.common.Http.quote;
import static com.example.common.Http.sendJson;

import com.example.common.Http;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An order service that asks the inventory service about stock, with {@link HttpClient}.
 *
 * <pre>
 * GET  /health              -> 200 ok
 * GET  /orders/{id}         -> the order and its item from inventory GET /items/{id}
 * POST /orders/{id}/restock -> inventory POST /items/{id} {"add": 10}
 * </pre>
 *
 * When inventory does not answer 2xx, orders answers 502 and includes inventory's status,
 * content type and body (a problem detail, say). Inventory's base URL comes from INVENTORY_URL.
 */
public final class OrdersService {
    private static final Pattern ORDER_PATH = Pattern.compile("/orders/(\\d+)/?");
    private static final Pattern RESTOCK_PATH = Pattern.compile("/orders/(\\d+)/restock/?");
    private static final int RESTOCK_AMOUNT = 10;

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI inventory;

    OrdersService(URI inventory) {
        this.inventory = inventory;
    }

    public static void main(String[] args) throws IOException {
        int port = Http.envInt("PORT", 8081);
        URI inventory = URI.create(Http.env("INVENTORY_URL", "http://localhost:8082"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", new OrdersService(inventory)::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        System.out.println("orders listening on http://127.0.0.1:" + server.getAddress().getPort()
                + " (inventory at " + inventory + ")");
    }

    private void handle(HttpExchange exchange) throws IOException {
        logHandled("orders", exchange);
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String seen = "\"seenCaller\":" + quote(callerOf(exchange));
        Matcher order = ORDER_PATH.matcher(path);
        Matcher restock = RESTOCK_PATH.matcher(path);

        if (path.equals("/health") && method.equals("GET")) {
            Http.send(exchange, 200, "text/plain", "ok");
        } else if (order.matches() && method.equals("GET")) {
            int id = Integer.parseInt(order.group(1));
            String orderJson = "\"order\":{\"id\":" + id + ",\"itemId\":" + id + ",\"quantity\":2}";
            HttpRequest request = HttpRequest.newBuilder(itemUri(id)).GET()
                    .timeout(Duration.ofSeconds(10)).build();
            answerWithInventory(exchange, seen + "," + orderJson, request);
        } else if (restock.matches() && method.equals("POST")) {
            int id = Integer.parseInt(restock.group(1));
            HttpRequest request = HttpRequest.newBuilder(itemUri(id))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"add\":" + RESTOCK_AMOUNT + "}"))
                    .timeout(Duration.ofSeconds(10)).build();
            answerWithInventory(exchange, seen + ",\"restock\":{\"itemId\":" + id + ",\"add\":"
                    + RESTOCK_AMOUNT + "}", request);
        } else {
            sendJson(exchange, 404, "{" + seen + ",\"error\":\"not found\"}");
        }
    }

    private URI itemUri(int id) {
        return inventory.resolve("/items/" + id);
    }

    /** Calls inventory and answers with {@code fields} plus what inventory said. */
    private void answerWithInventory(HttpExchange exchange, String fields, HttpRequest request)
            throws IOException {
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            sendJson(exchange, 502, "{" + fields + ",\"error\":"
                    + quote("inventory unreachable: " + e) + "}");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sendJson(exchange, 503, "{" + fields + ",\"error\":\"interrupted\"}");
            return;
        }
        int status = response.statusCode();
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        String inventoryFields = "\"inventoryStatus\":" + status
                + ",\"inventoryContentType\":" + quote(contentType)
                + ",\"inventory\":" + asJsonValue(contentType, response.body());
        if (status >= 200 && status < 300) {
            sendJson(exchange, 200, "{" + fields + "," + inventoryFields + "}");
        } else {
            sendJson(exchange, 502, "{" + fields + ",\"error\":" + quote("inventory answered " + status)
                    + "," + inventoryFields + "}");
        }
    }

    /** Inventory's body as it is when it is JSON, else as a JSON string. */
    private static String asJsonValue(String contentType, String body) {
        String trimmed = body.strip();
        boolean json = contentType.contains("json")
                && (trimmed.startsWith("{") || trimmed.startsWith("["));
        return json ? trimmed : quote(body);
    }
}
