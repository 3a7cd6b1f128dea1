package dev.rolegate.server.credentials;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CredentialStoreTest {
    private static final String HASH_A = SecretHasher.hash("secret-a");
    private static final String HASH_B = SecretHasher.hash("secret-b");

    @TempDir
    Path dir;
    Path file;
    ScheduledExecutorService scheduler;
    ExecutorService blocking;
    CredentialStore store;

    @BeforeEach
    void open() throws Exception {
        file = dir.resolve("credentials.yaml");
        CredentialsFile.write(file, Map.of("orders", HASH_A));
        scheduler = Executors.newSingleThreadScheduledExecutor();
        blocking = Executors.newFixedThreadPool(2);
        store = CredentialStore.open(file, scheduler, blocking);
    }

    @AfterEach
    void close() {
        store.close();
        scheduler.shutdownNow();
        blocking.shutdownNow();
    }

    @Test
    void acceptsTheStoredSecret() throws Exception {
        assertThat(store.verify("orders", "secret-a").get()).isTrue();
    }

    @Test
    void rejectsAWrongSecret() throws Exception {
        assertThat(store.verify("orders", "secret-b").get()).isFalse();
    }

    @Test
    void rejectsAnUnknownIdentity() throws Exception {
        assertThat(store.verify("nobody", "secret-a").get()).isFalse();
    }

    @Test
    void answersARepeatedSuccessFromTheCacheWithoutPbkdf2() throws Exception {
        store.verify("orders", "secret-a").get();

        CompletableFuture<Boolean> second = store.verify("orders", "secret-a");

        assertThat(second).isCompletedWithValue(true);
    }

    @Test
    void doesNotCacheFailures() throws Exception {
        store.verify("orders", "secret-b").get();

        // A wrong secret pays for PBKDF2 again, on the blocking executor: not done on return.
        CompletableFuture<Boolean> again = store.verify("orders", "secret-b");

        assertThat(again).isNotDone();
        assertThat(again.get()).isFalse();
    }

    @Test
    void forgetsCachedVerificationsWhenTheFileChanges() throws Exception {
        store.verify("orders", "secret-a").get();

        CredentialsFile.write(file, Map.of("orders", HASH_B));

        await().atMost(Duration.ofSeconds(3)).until(() -> !store.verify("orders", "secret-a").get());
        assertThat(store.verify("orders", "secret-b").get()).isTrue();
    }
}
