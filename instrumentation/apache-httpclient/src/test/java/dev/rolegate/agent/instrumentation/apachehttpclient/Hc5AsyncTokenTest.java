package dev.rolegate.agent.instrumentation.apachehttpclient;

import static dev.rolegate.agent.instrumentation.testing.RecordingHooks.TOKEN_HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.core5.io.CloseMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Apache HttpClient 5 async ({@code HttpAsyncClients.createDefault()}) in this JVM with the instrumentation. */
class Hc5AsyncTokenTest extends ClientTokenCases {
    private CloseableHttpAsyncClient client;

    @BeforeEach
    void startClient() {
        client = HttpAsyncClients.createDefault();
        client.start();
    }

    @AfterEach
    void closeClient() {
        client.close(CloseMode.IMMEDIATE);
    }

    @Override
    protected int get(String url, String... headers) throws Exception {
        return execute(request(url, headers));
    }

    private int execute(SimpleHttpRequest request) throws Exception {
        try {
            return client.execute(request, null).get(20, TimeUnit.SECONDS).getCode();
        } catch (ExecutionException e) {
            // the future wraps what the client failed with; rethrow that, as a synchronous client would
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }

    private static SimpleHttpRequest request(String url, String... headers) {
        SimpleRequestBuilder get = SimpleRequestBuilder.get(url);
        for (int i = 0; i < headers.length; i += 2) {
            get.addHeader(headers[i], headers[i + 1]);
        }
        return get.build();
    }

    @Test
    void applicationRequestObjectNeverCarriesTheToken() throws Exception {
        SimpleHttpRequest request = request(url(alpha, "/items"));

        execute(request);

        assertThat(alpha.take().values(TOKEN_HEADER)).hasSize(1);
        assertThat(request.getHeaders(TOKEN_HEADER)).isEmpty();
    }

    @Test
    void refusalReachesTheFutureAsIoException() {
        hooks.refuse("127.0.0.1", alpha.port(), "no credentials for alpha");

        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> client.execute(request(url(alpha, "/items")), null).get(20, TimeUnit.SECONDS));

        assertThat(failure.getCause()).isInstanceOf(IOException.class).hasMessage("no credentials for alpha");
    }
}
