package dev.rolegate.agent.instrumentation.apachehttpclient;

import static dev.rolegate.agent.instrumentation.testing.RecordingHooks.TOKEN_HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Apache HttpClient 5 classic ({@code HttpClients.createDefault()}) in this JVM with the instrumentation. */
class Hc5ClassicTokenTest extends ClientTokenCases {
    private CloseableHttpClient client;

    @BeforeEach
    void createClient() {
        client = HttpClients.createDefault();
    }

    @AfterEach
    void closeClient() throws IOException {
        client.close();
    }

    @Override
    protected int get(String url, String... headers) throws IOException {
        return client.execute(request(url, headers), response -> {
            EntityUtils.consume(response.getEntity());
            return response.getCode();
        });
    }

    private static HttpGet request(String url, String... headers) {
        HttpGet get = new HttpGet(url);
        for (int i = 0; i < headers.length; i += 2) {
            get.addHeader(headers[i], headers[i + 1]);
        }
        return get;
    }

    @Test
    void applicationRequestObjectNeverCarriesTheToken() throws Exception {
        HttpGet get = request(url(alpha, "/items"));

        client.execute(get, response -> {
            EntityUtils.consume(response.getEntity());
            return response.getCode();
        });

        assertThat(alpha.take().values(TOKEN_HEADER)).hasSize(1);
        assertThat(get.getHeaders(TOKEN_HEADER)).isEmpty();
    }
}
