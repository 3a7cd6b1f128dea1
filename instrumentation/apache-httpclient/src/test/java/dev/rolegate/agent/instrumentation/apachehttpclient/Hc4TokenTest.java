package dev.rolegate.agent.instrumentation.apachehttpclient;

import static dev.rolegate.agent.instrumentation.testing.RecordingHooks.TOKEN_HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Apache HttpClient 4.5 ({@code HttpClients.createDefault()}) in this JVM with the instrumentation. */
class Hc4TokenTest extends ClientTokenCases {
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
            return response.getStatusLine().getStatusCode();
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
            return response.getStatusLine().getStatusCode();
        });

        assertThat(alpha.take().values(TOKEN_HEADER)).hasSize(1);
        assertThat(get.getHeaders(TOKEN_HEADER)).isEmpty();
    }
}
