package testapp.springmvc;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import testapp.common.Json;

/**
 * The catch-all handler: prints {@code HANDLED <METHOD> <path>}, then answers with what it saw.
 * {@code /async/**} answers through a {@link Callable}, which Spring MVC serves with
 * {@code startAsync()} and an async dispatch.
 */
@RestController
class EchoController {

    @RequestMapping("/**")
    ResponseEntity<byte[]> any(HttpServletRequest request) throws Exception {
        return answer(request);
    }

    @RequestMapping({"/async", "/async/**"})
    Callable<ResponseEntity<byte[]>> async(HttpServletRequest request) {
        return () -> answer(request);
    }

    private static ResponseEntity<byte[]> answer(HttpServletRequest request) throws Exception {
        String method = request.getMethod();
        // The path as the application sees it: the request URI, percent-encoding included.
        String path = request.getRequestURI();
        System.out.println("HANDLED " + method + " " + path);
        System.out.flush();
        request.getInputStream().readAllBytes();
        List<String> callers = Collections.list(request.getHeaders("Rolegate-Caller"));
        boolean tokenPresent = request.getHeaders("Rolegate-Token").hasMoreElements();
        String body = "{\"stack\":\"spring-mvc\",\"method\":" + Json.string(method)
                + ",\"path\":" + Json.string(path)
                + ",\"caller\":" + (callers.isEmpty() ? "null" : Json.string(String.join(",", callers)))
                + ",\"callerHeaderCount\":" + callers.size()
                + ",\"tokenHeaderPresent\":" + tokenPresent + "}";
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body.getBytes(StandardCharsets.UTF_8));
    }
}
