package testapp.apache5;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.core5.io.CloseMode;

/** Requests through the async client. */
final class AsyncCaller implements Main.Caller {
    private final CloseableHttpAsyncClient client = HttpAsyncClients.createDefault();

    AsyncCaller() {
        client.start();
    }

    @Override
    public int call(String method, String url, boolean follow) throws Exception {
        try {
            return client.execute(SimpleRequestBuilder.create(method).setUri(url)
                            .setRequestConfig(Main.config(follow)).build(), null)
                    .get(30, TimeUnit.SECONDS)
                    .getCode();
        } catch (ExecutionException e) {
            // report what the client failed with, as a blocking client would throw it
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }
}
