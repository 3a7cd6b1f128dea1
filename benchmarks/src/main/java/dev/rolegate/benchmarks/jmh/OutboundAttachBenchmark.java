package dev.rolegate.benchmarks.jmh;

import com.sun.net.httpserver.HttpServer;
import dev.rolegate.agent.runtime.outbound.OutboundDecider;
import dev.rolegate.agent.runtime.policy.PolicySnapshot;
import dev.rolegate.agent.runtime.server.PolicyServerClient;
import dev.rolegate.agent.runtime.token.TokenClient;
import dev.rolegate.benchmarks.BenchKeys;
import dev.rolegate.benchmarks.BenchPolicies;
import dev.rolegate.bootstrap.OutboundAction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The outbound decision of a call to a known service with a cached token: the real
 * {@link OutboundDecider} (policy-server check, address lookup) and the real {@link TokenClient}
 * cache. The token is fetched once in set-up from a local stand-in for {@code POST /v1/token}.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OutboundAttachBenchmark {
    private HttpServer tokenEndpoint;
    private ExecutorService executor;
    private OutboundDecider decider;

    @Setup
    public void setUp() throws Exception {
        BenchKeys keys = BenchKeys.generate();
        String token = keys.token("orders", "inventory", List.of("inventory-reader"), 3600);
        tokenEndpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tokenEndpoint.createContext("/v1/token", ex -> {
            byte[] body = ("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        tokenEndpoint.start();
        URI server = URI.create("http://127.0.0.1:" + tokenEndpoint.getAddress().getPort());
        PolicyServerClient client = new PolicyServerClient(List.of(server), "orders", "secret");
        executor = Executors.newSingleThreadExecutor();
        TokenClient tokens = new TokenClient("orders", client, executor, System::currentTimeMillis);
        PolicySnapshot snap = BenchPolicies.snapshot(1, BenchPolicies.INVENTORY);
        decider = new OutboundDecider(client::isPolicyServer, () -> snap, tokens::tokenFor, "Rolegate-Token");
        // The first decision asks the stand-in for a token and waits for it a bounded time; on a loaded
        // machine a cold fork can miss that wait, so ask again (the fetch goes on) until a deadline.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        OutboundAction first = decider.decide("http", "localhost", 8082, "GET", "/items/7");
        while (first == null && System.nanoTime() < deadline) {
            first = decider.decide("http", "localhost", 8082, "GET", "/items/7");
        }
        if (first == null) {
            throw new IllegalStateException("no token attached to a call to a known service within 60 s");
        }
    }

    @TearDown
    public void tearDown() {
        tokenEndpoint.stop(0);
        executor.shutdownNow();
    }

    @Benchmark
    public OutboundAction callToKnownServiceWithCachedToken() {
        return decider.decide("http", "localhost", 8082, "GET", "/items/7");
    }

    @Benchmark
    public OutboundAction callToUnknownDestination() {
        return decider.decide("https", "example.org", 443, "GET", "/");
    }
}
