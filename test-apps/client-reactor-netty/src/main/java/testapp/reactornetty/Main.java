package testapp.reactornetty;

import java.time.Duration;
import reactor.netty.http.client.HttpClient;

/**
 * The client test app on Reactor Netty's {@code HttpClient} (HTTP/1.1), following redirects with
 * {@code followRedirect(true)} when asked. It knows nothing of Rolegate.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        HttpClient base = HttpClient.create().responseTimeout(Duration.ofSeconds(20));
        HttpClient following = base.followRedirect(true);
        LineProtocol.serve((method, url, follow) -> (follow ? following : base)
                .request(io.netty.handler.codec.http.HttpMethod.valueOf(method))
                .uri(url)
                .responseSingle((response, body) -> body.asString().defaultIfEmpty("")
                        .thenReturn(response.status().code()))
                .block(Duration.ofSeconds(40)));
    }
}
