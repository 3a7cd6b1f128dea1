package dev.rolegate.benchmarks.apps;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A minimal Spring Boot MVC app (embedded Tomcat) for the startup benchmark. Port: {@code --server.port}. */
@SpringBootApplication
@RestController
public class SpringBootApp {
    public static void main(String[] args) {
        AppSupport.mainEntered();
        SpringApplication.run(SpringBootApp.class, args);
    }

    @GetMapping("/health")
    public String health() {
        return "ok";
    }
}
