package testapp.springmvc;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The server test application on Spring Boot MVC (embedded Tomcat) with Spring Security
 * (docs/STACK-TESTS.md, "Server test app protocol"). It knows nothing of Rolegate: a security filter
 * chain that permits everything, {@link PrintingFilter} ahead of every other filter, and the
 * catch-all {@link EchoController}.
 *
 * <p>Usage: {@code PORT=<port> java testapp.springmvc.Main}.
 */
@SpringBootApplication
public class Main {

    public static void main(String[] args) {
        String port = System.getenv("PORT");
        SpringApplication application = new SpringApplication(Main.class);
        application.setDefaultProperties(Map.of(
                "server.port", port,
                "server.address", "127.0.0.1",
                "spring.main.banner-mode", "off"));
        // run() returns once the embedded server accepts connections.
        application.run(args);
        System.out.println("READY " + port);
        System.out.flush();
    }
}
