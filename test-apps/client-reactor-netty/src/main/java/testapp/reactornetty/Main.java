package testapp.reactornetty;

import io.netty.resolver.DefaultAddressResolverGroup;
import java.time.Duration;
import reactor.netty.http.client.HttpClient;
import testapp.common.LineProtocol;

/**
 * The client test app on Reactor Netty's {@code HttpClient} (HTTP/1.1), following redirects with
 * {@code followRedirect(true)} when asked. It knows nothing of Rolegate.
 *
 * <p>Variant {@code jdk-resolver}: host names are resolved by the JDK ({@code InetAddress}) instead
 * of Reactor Netty's own DNS client, a common setting in real applications; the tests use it to
 * reach look-alike host names through a test hosts file that only the JDK reads.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        HttpClient created = HttpClient.create().responseTimeout(Duration.ofSeconds(20));
        HttpClient base = args.length > 0 && args[0].equals("jdk-resolver")
                ? created.resolver(DefaultAddressResolverGroup.INSTANCE) : created;
        HttpClient following = base.followRedirect(true);
        LineProtocol.serve((method, url, follow) -> (follow ? following : base)
                .request(io.netty.handler.codec.http.HttpMethod.valueOf(method))
                .uri(url)
                .responseSingle((response, body) -> body.asString().defaultIfEmpty("")
                        .thenReturn(response.status().code()))
                .block(Duration.ofSeconds(40)));
    }
}
