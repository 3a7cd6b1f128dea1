package com.example.inventory;

import static com.example.common.Http.callerOf;
import static com.example.common.Http.logHandled;
import static com.example.common.Http.quote;
import static com.example.common.Http.sendJson;

import com.example.common.Http;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A stock-keeping service on the JDK's built-in HTTP server.
 *
 * <pre>
 * GET  /health        -> 200 ok
 * GET  /items         -> all items
 * GET  /items/{id}    -> one item
 * POST /items/{id}    -> {"add": n} adds to the stock, {"stock": n} sets it
 * </pre>
 *
 * Every JSON answer says which caller the service saw, and every request that reaches a handler
 * is logged as one line: {@code inventory handled GET /items caller=orders}.
 */
public final class InventoryService {
    private static final Pattern ITEM_PATH = Pattern.compile("/items/(\\d+)/?");
    private static final Pattern ADD = Pattern.compile("\"add\"\\s*:\\s*(-?\\d+)");
    private static final Pattern STOCK = Pattern.compile("\"stock\"\\s*:\\s*(-?\\d+)");

    private final Map<Integer, Item> items = new ConcurrentSkipListMap<>();

    private record Item(int id, String name, int stock) {
        String toJson() {
            return "{\"id\":" + id + ",\"name\":" + quote(name) + ",\"stock\":" + stock + "}";
        }
    }

    InventoryService() {
        for (Item item : new Item[] {
                new Item(1, "bolt", 120), new Item(2, "nut", 80), new Item(3, "washer", 300),
                new Item(4, "hinge", 12), new Item(5, "bracket", 40), new Item(7, "widget", 3)}) {
            items.put(item.id(), item);
        }
    }

    public static void main(String[] args) throws IOException {
        int port = Http.envInt("PORT", 8082);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", new InventoryService()::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        System.out.println("inventory listening on http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        logHandled("inventory", exchange);
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String seen = "\"seenCaller\":" + quote(callerOf(exchange));
        Matcher itemPath = ITEM_PATH.matcher(path);

        if (path.equals("/health") && method.equals("GET")) {
            Http.send(exchange, 200, "text/plain", "ok");
        } else if (path.matches("/items/?") && method.equals("GET")) {
            String list = items.values().stream().map(Item::toJson).collect(Collectors.joining(","));
            sendJson(exchange, 200, "{" + seen + ",\"items\":[" + list + "]}");
        } else if (itemPath.matches() && method.equals("GET")) {
            Item item = items.get(Integer.parseInt(itemPath.group(1)));
            if (item == null) {
                sendJson(exchange, 404, "{" + seen + ",\"error\":\"no such item\"}");
            } else {
                sendJson(exchange, 200, "{" + seen + ",\"item\":" + item.toJson() + "}");
            }
        } else if (itemPath.matches() && method.equals("POST")) {
            updateStock(exchange, Integer.parseInt(itemPath.group(1)), seen);
        } else {
            sendJson(exchange, 404, "{" + seen + ",\"error\":\"not found\"}");
        }
    }

    private void updateStock(HttpExchange exchange, int id, String seen) throws IOException {
        String body = Http.readBody(exchange);
        Matcher add = ADD.matcher(body);
        Matcher stock = STOCK.matcher(body);
        Item updated;
        if (add.find()) {
            int delta = Integer.parseInt(add.group(1));
            updated = items.compute(id, (key, old) -> old == null
                    ? new Item(key, "item-" + key, delta)
                    : new Item(key, old.name(), old.stock() + delta));
        } else if (stock.find()) {
            int level = Integer.parseInt(stock.group(1));
            updated = items.compute(id, (key, old) ->
                    new Item(key, old == null ? "item-" + key : old.name(), level));
        } else {
            sendJson(exchange, 400, "{" + seen + ",\"error\":\"body needs an add or a stock number\"}");
            return;
        }
        sendJson(exchange, 200, "{" + seen + ",\"item\":" + updated.toJson() + "}");
    }
}
