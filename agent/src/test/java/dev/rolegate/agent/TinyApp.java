package dev.rolegate.agent;

import com.sun.net.httpserver.HttpServer;

import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * The application the ITs start with the agent attached. Prints what it can see of the agent's
 * libraries and, with {@code serve}, answers one request to itself and prints the status.
 */
public final class TinyApp {
    private TinyApp() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("tiny-app: started");
        for (String name : new String[] {"net.bytebuddy.ByteBuddy", "com.fasterxml.jackson.databind.ObjectMapper",
            "com.nimbusds.jose.JWSObject", "dev.rolegate.agent.runtime.AgentRuntime", "dev.rolegate.bootstrap.RolegateBridge"}) {
            String seen;
            try {
                Class.forName(name, false, ClassLoader.getSystemClassLoader());
                seen = "visible";
            } catch (ClassNotFoundException e) {
                seen = "absent";
            }
            System.out.println("tiny-app: " + name + " " + seen);
        }
        if (args.length > 0 && args[0].equals("serve")) {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", ex -> {
                byte[] body = "app".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + server.getAddress().getPort() + "/items")
                    .openConnection();
            System.out.println("tiny-app: status=" + c.getResponseCode());
            server.stop(0);
        }
        System.out.println("tiny-app: done");
    }
}
