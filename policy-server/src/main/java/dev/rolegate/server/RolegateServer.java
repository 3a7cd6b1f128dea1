package dev.rolegate.server;

import dev.rolegate.policy.CompiledPolicy;
import dev.rolegate.server.auth.AdminAuthenticator;
import dev.rolegate.server.auth.BasicClientAuthenticator;
import dev.rolegate.server.auth.ClientAuthentication;
import dev.rolegate.server.auth.FailedAuthLimiter;
import dev.rolegate.server.auth.PrivateKeyJwtAuthenticator;
import dev.rolegate.server.config.ServerConfig;
import dev.rolegate.server.credentials.CredentialStore;
import dev.rolegate.server.audit.AuditStore;
import dev.rolegate.server.fleet.FleetRegistry;
import dev.rolegate.server.handlers.AdminGuard;
import dev.rolegate.server.handlers.AgentsHandler;
import dev.rolegate.server.handlers.AuditGetHandler;
import dev.rolegate.server.handlers.AuditPostHandler;
import dev.rolegate.server.handlers.CheckHandler;
import dev.rolegate.server.handlers.HealthHandler;
import dev.rolegate.server.handlers.HeartbeatHandler;
import dev.rolegate.server.handlers.KeysRotateHandler;
import dev.rolegate.server.handlers.PolicyHistoryHandler;
import dev.rolegate.server.handlers.PolicyRollbackHandler;
import dev.rolegate.server.handlers.JwksHandler;
import dev.rolegate.server.handlers.MetricsHandler;
import dev.rolegate.server.handlers.OAuthMetadataHandler;
import dev.rolegate.server.handlers.PolicyGetHandler;
import dev.rolegate.server.handlers.PolicyPutHandler;
import dev.rolegate.server.handlers.TokenHandler;
import dev.rolegate.server.http.PipelineInitializer;
import dev.rolegate.server.http.Router;
import dev.rolegate.server.keys.KeyRotation;
import dev.rolegate.server.keys.SigningKeys;
import dev.rolegate.server.metrics.ServerMetrics;
import dev.rolegate.server.policy.PolicyBundles;
import dev.rolegate.server.policy.PolicyRevision;
import dev.rolegate.server.policy.PolicyStore;
import dev.rolegate.server.token.TokenIssuer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The policy server: wires the policy store, keys, credentials and handlers to a Netty HTTP server.
 *
 * <p>Start-up order matters to users: the policy is loaded first, so that the first log line says
 * whether the built-in demo policy is served; the last line is
 * {@code Rolegate policy server listening on http://<bind>:<port>}, which scripts and tests wait for.
 * The listening socket accepts nothing until every handler is in place (the issuer depends on the
 * actual port when it was 0).
 */
public final class RolegateServer implements AutoCloseable {
    /** The start of the last start-up line; its format is relied upon, keep it stable. */
    public static final String LISTENING = "Rolegate policy server listening on http://";

    private final ServerConfig config;
    private final ScheduledExecutorService scheduler;
    private final ThreadPoolExecutor blocking;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private PolicyStore policyStore;
    private CredentialStore credentials;
    private Channel serverChannel;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Set once before the listening socket starts accepting; read by each new connection. */
    private volatile Router routerRef;
    private volatile String issuer;
    private int port;

    private RolegateServer(ServerConfig config) {
        this.config = config;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("rolegate-files", true));
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        // Bounded: under a flood of wrong secrets the queue fills and callers get 503, not an OOM.
        this.blocking = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1024),
                new DefaultThreadFactory("rolegate-blocking", true));
        this.bossGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("rolegate-accept", true),
                NioIoHandler.newFactory());
        this.workerGroup = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("rolegate-io", true),
                NioIoHandler.newFactory());
    }

    /** Starts a server; on failure everything started so far is stopped again. */
    public static RolegateServer start(ServerConfig config) throws StartupException {
        RolegateServer server = new RolegateServer(config);
        try {
            server.startUp();
            return server;
        } catch (StartupException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void startUp() throws StartupException {
        Clock clock = Clock.systemUTC();
        policyStore = PolicyStore.open(config.policyFile(), config.dataDir(), clock);
        SigningKeys keys = SigningKeys.loadOrCreate(config.dataDir().resolve("keys"), clock);
        credentials = CredentialStore.open(config.credentials(), scheduler, blocking);

        InetSocketAddress bound = bind();
        port = bound.getPort();
        issuer = config.issuer().orElse("http://localhost:" + port);
        Supplier<String> issuerSupplier = () -> issuer;

        Supplier<PolicyRevision> current = policyStore::current;
        Supplier<CompiledPolicy> compiled = () -> policyStore.current().compiled();
        ClientAuthentication clientAuth = new ClientAuthentication(List.of(new BasicClientAuthenticator(credentials),
                new PrivateKeyJwtAuthenticator(credentials, issuerSupplier, System::currentTimeMillis)), compiled);
        PolicyBundles bundles = new PolicyBundles(keys, issuerSupplier, clock);
        PolicyGetHandler policyGet = new PolicyGetHandler(clientAuth, current, bundles);
        ServerMetrics metrics = new ServerMetrics(() -> policyStore.current().revision(),
                () -> policyGet.watchers().size());
        TokenIssuer tokens = new TokenIssuer(keys, issuerSupplier, config.tokenTtlSeconds(), clock);

        AdminGuard admin = new AdminGuard(new AdminAuthenticator(config.adminSecret(), config.namedAdmins()));
        AuditStore audit;
        try {
            audit = new AuditStore(config.dataDir(), config.auditMaxBytes(), config.auditMaxFiles());
        } catch (IOException e) {
            throw new StartupException("cannot use the audit store in " + config.dataDir() + ": " + e.getMessage(), e);
        }
        FleetRegistry fleet = new FleetRegistry(clock);
        LongSupplier activeRevision = () -> policyStore.current().revision();
        KeyRotation rotation = new KeyRotation(keys, policyStore, clock);
        PolicyHistoryHandler history = new PolicyHistoryHandler(admin, policyStore, blocking);

        Router router = new Router()
                .add(HttpMethod.POST, "/v1/token", new TokenHandler(clientAuth, compiled, tokens, metrics,
                        new FailedAuthLimiter(config.authFailureLimit(), 60_000, System::currentTimeMillis)))
                .add(HttpMethod.GET, "/v1/policy", policyGet)
                .add(HttpMethod.PUT, "/v1/policy", new PolicyPutHandler(admin, policyStore, blocking))
                .add(HttpMethod.GET, PolicyHistoryHandler.PATH, history)
                .addPrefix(HttpMethod.GET, PolicyHistoryHandler.PATH + "/", history)
                .add(HttpMethod.POST, "/v1/policy/rollback", new PolicyRollbackHandler(admin, policyStore, blocking))
                .add(HttpMethod.GET, "/v1/check", new CheckHandler(admin, current))
                .add(HttpMethod.POST, "/v1/audit", new AuditPostHandler(clientAuth, audit, metrics, blocking))
                .add(HttpMethod.GET, "/v1/audit", new AuditGetHandler(admin, audit, blocking))
                .add(HttpMethod.POST, "/v1/agents/heartbeat", new HeartbeatHandler(clientAuth, fleet, activeRevision))
                .add(HttpMethod.GET, "/v1/agents", new AgentsHandler(admin, fleet, activeRevision))
                .add(HttpMethod.POST, "/v1/keys/rotate", new KeysRotateHandler(admin, rotation, blocking))
                .add(HttpMethod.GET, "/.well-known/jwks.json", new JwksHandler(keys, metrics))
                .add(HttpMethod.GET, "/.well-known/oauth-authorization-server",
                        new OAuthMetadataHandler(issuer, clientAuth.methodNames()))
                .add(HttpMethod.GET, "/healthz", new HealthHandler(current))
                .add(HttpMethod.GET, "/metrics", new MetricsHandler(metrics));
        routerRef = router;

        // Sign each new revision once, up front, then release the long polls waiting for it.
        policyStore.addListener(bundles::bundleOf);
        policyStore.addListener(policyGet.watchers()::onRevision);
        bundles.bundleOf(policyStore.current());
        policyStore.startWatching(scheduler);
        rotation.schedule(config.keyRotation(), scheduler);

        serverChannel.config().setAutoRead(true);
        Log.info(LISTENING + hostForUrl(config.bindHost()) + ":" + port);
    }

    private InetSocketAddress bind() throws StartupException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(NioServerSocketChannel.class)
                // Accept nothing until the router exists; it needs the bound port first.
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new PipelineInitializer(() -> routerRef, channels));
        try {
            serverChannel = bootstrap.bind(config.bindHost(), config.port()).sync().channel();
        } catch (Exception e) {
            throw new StartupException("cannot listen on " + config.bindHost() + ":" + config.port() + ": " + e, e);
        }
        return (InetSocketAddress) serverChannel.localAddress();
    }

    private static String hostForUrl(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** The port actually listened on. */
    public int port() {
        return port;
    }

    /** The issuer of tokens and bundles. */
    public String issuer() {
        return issuer;
    }

    /** The active policy store, for tests and the CLI. */
    public PolicyStore policyStore() {
        return policyStore;
    }

    /** Blocks until {@link #close()} is called from another thread (the shutdown hook). */
    public void awaitClose() throws InterruptedException {
        if (serverChannel != null) {
            serverChannel.closeFuture().sync();
        }
    }

    /** Stops everything; safe to call more than once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        channels.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        if (policyStore != null) {
            policyStore.close();
        }
        if (credentials != null) {
            credentials.close();
        }
        scheduler.shutdownNow();
        blocking.shutdownNow();
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
