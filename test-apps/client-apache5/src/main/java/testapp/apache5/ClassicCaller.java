package testapp.apache5;

import java.io.IOException;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;

/** Requests through the classic (blocking) client. */
final class ClassicCaller implements Main.Caller {
    private final CloseableHttpClient client = HttpClients.createDefault();

    @Override
    public int call(String method, String url, boolean follow) throws IOException {
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(Main.config(follow));
        return client.execute(ClassicRequestBuilder.create(method).setUri(url).build(), context, response -> {
            EntityUtils.consume(response.getEntity());
            return response.getCode();
        });
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
