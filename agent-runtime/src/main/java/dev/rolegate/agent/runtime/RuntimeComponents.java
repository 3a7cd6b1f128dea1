package dev.rolegate.agent.runtime;

import dev.rolegate.agent.runtime.audit.AuditOutput;
import dev.rolegate.agent.runtime.audit.AuditSink;
import dev.rolegate.agent.runtime.audit.StreamAuditOutput;
import dev.rolegate.agent.runtime.config.AgentConfig;
import dev.rolegate.agent.runtime.config.AuditTarget;
import dev.rolegate.agent.runtime.fleet.ControlPlaneLink;
import dev.rolegate.agent.runtime.inbound.InboundEnforcer;
import dev.rolegate.agent.runtime.outbound.EgressCheck;
import dev.rolegate.agent.runtime.outbound.OutboundDecider;
import dev.rolegate.agent.runtime.policy.PolicyCache;
import dev.rolegate.agent.runtime.policy.PolicySnapshot;
import dev.rolegate.agent.runtime.policy.PolicyWatcher;
import dev.rolegate.agent.runtime.server.PolicyServerClient;
import dev.rolegate.agent.runtime.server.ServerClients;
import dev.rolegate.agent.runtime.token.TokenClient;
import dev.rolegate.agent.runtime.verify.KeySource;
import dev.rolegate.agent.runtime.verify.TokenVerifier;
import dev.rolegate.bootstrap.AgentHooks;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Wires the runtime together from a configuration. With a configuration error only the enforcer
 * (answering 503) and the audit sink exist: no server traffic, no tokens.
 */
final class RuntimeComponents {
    private final AgentHooks hooks;
    private final AuditSink audit;
    private final PolicyWatcher watcher;
    private final ThreadPoolExecutor workers;
    /** Audit shipping and heartbeats (issue 5); null without a server connection. */
    private ControlPlaneLink link;

    private RuntimeComponents(AgentHooks hooks, AuditSink audit, PolicyWatcher watcher, ThreadPoolExecutor workers) {
        this.hooks = hooks;
        this.audit = audit;
        this.watcher = watcher;
        this.workers = workers;
    }

    /** How long an outbound call made during start-up waits for the first policy. */
    static final long FIRST_POLICY_WAIT_MILLIS = 3_000;

    static RuntimeComponents create(AgentConfig config, PrintStream originalStdout) {
        LongSupplier clock = System::currentTimeMillis;
        boolean connected = !(config.hasErrors() || config.identity() == null || config.servers().isEmpty());
        PolicyServerClient server = connected ? ServerClients.create(config) : null;
        ControlPlaneLink link = connected ? ControlPlaneLink.create(server, config.mode().wireName()) : null;
        AuditSink audit = auditSink(config.audit(), originalStdout, link == null ? null : link.auditOutput());
        if (!connected) {
            InboundEnforcer failClosed = new InboundEnforcer(config.identity(), config.mode(), true, () -> null,
                    null, audit, clock);
            return new RuntimeComponents(new RuntimeHooks(failClosed, null, config.tokenHeader()), audit, null, null);
        }
        ThreadPoolExecutor workers = Threads.workers("rolegate-worker", 2);
        KeySource keys = new KeySource(() -> fetchJwks(server), workers);
        PolicyCache cache = config.cacheDir() == null ? null : new PolicyCache(config.cacheDir());
        PolicyWatcher watcher = new PolicyWatcher(server, keys, cache);
        Supplier<PolicySnapshot> policy = watcher::current;
        TokenVerifier verifier = new TokenVerifier(config.identity(), keys, () -> {
            PolicySnapshot s = watcher.current();
            return s == null ? null : s.issuer();
        }, clock);
        TokenClient tokens = new TokenClient(config.identity(), server, workers, clock);
        watcher.addListener(tokens::onNewRevision);
        InboundEnforcer enforcer = new InboundEnforcer(config.identity(), config.mode(), false, policy, verifier, audit, clock);
        // Outbound calls made while the agent is still starting wait (bounded) for the first policy,
        // so that a job calling out at once still sends its token; later calls never wait here.
        Supplier<PolicySnapshot> policyForOutbound = () -> watcher.awaitFirstAttempt(FIRST_POLICY_WAIT_MILLIS);
        OutboundDecider outbound = new OutboundDecider(server::isPolicyServer, policyForOutbound, tokens::tokenFor,
                config.tokenHeader(), new EgressCheck(config.identity(), config.egress(), audit, clock));
        boolean fault = TestFault.inboundRequested(System.getProperty(TestFault.PROPERTY));
        if (fault) {
            Log.line("WARNING test-only fault injection is on (-D" + TestFault.PROPERTY + "=" + TestFault.INBOUND
                    + "): every inbound decision throws; never use this outside tests");
        }
        link.connect(watcher, audit::dropped);
        RuntimeComponents components = new RuntimeComponents(new RuntimeHooks(enforcer, outbound, config.tokenHeader(),
                fault), audit, watcher, workers);
        components.link = link;
        return components;
    }

    private static String fetchJwks(PolicyServerClient server) throws IOException, InterruptedException {
        HttpResponse<String> r = server.send("/.well-known/jwks.json", false, Duration.ofSeconds(5),
                b -> b.GET().header("Accept", "application/json"));
        if (r.statusCode() != 200) {
            throw new IOException("GET /.well-known/jwks.json answered HTTP " + r.statusCode());
        }
        return r.body();
    }

    /** The local output ({@code ROLEGATE_AUDIT}) plus, when given, the one shipping to the server. */
    private static AuditSink auditSink(AuditTarget target, PrintStream stdout, AuditOutput shipping) {
        List<AuditOutput> outputs = new ArrayList<>(2);
        AuditOutput local = localAuditOutput(target, stdout);
        if (local != null) {
            outputs.add(local);
        }
        if (shipping != null) {
            outputs.add(shipping);
        }
        return outputs.isEmpty() ? AuditSink.discarding() : new AuditSink(outputs, AuditSink.DEFAULT_CAPACITY);
    }

    private static AuditOutput localAuditOutput(AuditTarget target, PrintStream stdout) {
        if (target == null || target.kind() == AuditTarget.Kind.OFF) {
            return null;
        }
        if (target.kind() == AuditTarget.Kind.STDOUT) {
            return StreamAuditOutput.to(stdout);
        }
        try {
            return StreamAuditOutput.appendingTo(target.file());
        } catch (IOException | RuntimeException e) {
            Log.line("ERROR cannot open ROLEGATE_AUDIT file " + target.file() + " for appending ("
                    + PolicyServerClient.describe(e) + "); decision records will not be written");
            return null;
        }
    }

    AgentHooks hooks() {
        return hooks;
    }

    /** Starts the background threads (the first server contact happens on them). */
    void startBackground() {
        audit.start();
        if (link != null) {
            link.start();
        }
        if (watcher != null) {
            watcher.start();
        }
    }

    /** Shutdown hook: stop polling, write out queued decision records. */
    void shutdown() {
        if (watcher != null) {
            watcher.stop();
        }
        if (workers != null) {
            workers.shutdownNow();
        }
        audit.close();
        if (link != null) {
            link.close();
        }
    }
}
