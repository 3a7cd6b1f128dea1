package dev.rolegate.agent.instrumentation.apachehttpclient;

import dev.rolegate.agent.instrumentation.LibraryInstrumentation;
import dev.rolegate.agent.instrumentation.apachehttpclient.v4.Hc4Instrumentation;
import dev.rolegate.agent.instrumentation.apachehttpclient.v5.Hc5Instrumentation;
import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Outbound tokens for Apache HttpClient 5.x (classic and async) and 4.5. The two generations have
 * different packages and exec-chain types, so each has its own hook point and a small helper
 * ({@code v5.Hc5Hop}, {@code v4.Hc4Hop}); the decision itself is shared ({@link HopDecision}).
 */
public final class ApacheHttpClientInstrumentation implements LibraryInstrumentation {
    /** Library name used in reports. */
    public static final String NAME = "apache-httpclient";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ElementMatcher.Junction<TypeDescription> types() {
        return Hc5Instrumentation.types().or(Hc4Instrumentation.types());
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, Instrumentation instrumentation) {
        return Hc4Instrumentation.instrument(Hc5Instrumentation.instrument(builder, instrumentation), instrumentation);
    }
}
