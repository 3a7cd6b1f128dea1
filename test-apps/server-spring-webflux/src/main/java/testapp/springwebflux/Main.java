package testapp.springwebflux;

import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;
import testapp.common.Json;

/**
 * The server test application on Spring WebFlux (Spring Boot, Reactor Netty): a {@link WebFilter}
 * printing {@code FILTER}, then one catch-all router function printing {@code HANDLED}
 * (docs/STACK-TESTS.md). Knows nothing of Rolegate.
 *
 * <p>Usage: {@code PORT=<port> java -cp ... testapp.springwebflux.Main}.
 */
@SpringBootApplication
public class Main {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(Main.class);
        app.setDefaultProperties(java.util.Map.of(
                "server.port", System.getenv("PORT"),
                "server.address", "127.0.0.1",
                "spring.main.banner-mode", "off"));
        app.run(args);
    }

    @EventListener(ApplicationReadyEvent.class)
    public void ready() {
        System.out.println("READY " + System.getenv("PORT"));
        System.out.flush();
    }

    @Bean
    public WebFilter printingFilter() {
        return (exchange, chain) -> {
            System.out.println("FILTER " + exchange.getRequest().getMethod().name() + " "
                    + exchange.getRequest().getPath().value());
            System.out.flush();
            return chain.filter(exchange);
        };
    }

    @Bean
    public RouterFunction<ServerResponse> catchAll() {
        return RouterFunctions.route(RequestPredicates.all(), Main::handle);
    }

    private static Mono<ServerResponse> handle(ServerRequest request) {
        String method = request.method().name();
        String path = request.requestPath().value();
        System.out.println("HANDLED " + method + " " + path);
        System.out.flush();
        List<String> callers = request.headers().header("Rolegate-Caller");
        String body = "{\"stack\":\"spring-webflux\",\"method\":" + Json.string(method)
                + ",\"path\":" + Json.string(path)
                + ",\"caller\":" + (callers.isEmpty() ? "null" : Json.string(String.join(",", callers)))
                + ",\"callerHeaderCount\":" + callers.size()
                + ",\"tokenHeaderPresent\":" + !request.headers().header("Rolegate-Token").isEmpty() + "}";
        return request.bodyToMono(byte[].class).then(
                ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body));
    }
}
