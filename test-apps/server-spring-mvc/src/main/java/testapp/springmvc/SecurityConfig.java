package testapp.springmvc;

import jakarta.servlet.Filter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** Spring Security in the filter chain, permitting every request (CSRF off so that POSTs reach MVC). */
@Configuration
class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    /** Registered by Spring Boot as a servlet filter, first of all (see {@link PrintingFilter#getOrder()}). */
    @Bean
    Filter printingFilter() {
        return new PrintingFilter();
    }
}
