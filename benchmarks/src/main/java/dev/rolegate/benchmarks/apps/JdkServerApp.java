package dev.rolegate.benchmarks.apps;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/** The trivial service on the JDK HTTP server: every request answers 200 "ok". Argument: port. */
public final class JdkServerApp {
    private static final byte[] OK = "ok".getBytes(StandardCharsets.UTF_8);

    private JdkServerApp() {
    }

    public static void main(String[] args) throws IOException {
        AppSupport.mainEntered();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 1024);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", ex -> {
            try (InputStream in = ex.getRequestBody()) {
                in.transferTo(OutputSink.INSTANCE);
            }
            ex.getResponseHeaders().add("Content-Type", "text/plain");
            ex.sendResponseHeaders(200, OK.length);
            ex.getResponseBody().write(OK);
            ex.close();
        });
        server.start();
        AppSupport.serveCommands();
        System.out.println("READY " + server.getAddress().getPort());
    }

    /** Discards a request body. */
    private static final class OutputSink extends java.io.OutputStream {
        static final OutputSink INSTANCE = new OutputSink();

        @Override
        public void write(int b) {
            // discarded
        }

        @Override
        public void write(byte[] b, int off, int len) {
            // discarded
        }
    }
}
