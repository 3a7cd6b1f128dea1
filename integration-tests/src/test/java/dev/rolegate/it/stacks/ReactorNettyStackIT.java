package dev.rolegate.it.stacks;

import org.junit.jupiter.api.Test;

/**
 * {@link ServerStackSuite} on Reactor Netty's HttpServer (HTTP/1.1 and h2c), plus the h2c cases.
 * No Reactor-specific hook: the Netty pipeline hook puts the gate between Reactor's HttpServerCodec
 * (or its h2c upgrade handler, or each stream's Http2StreamFrameToHttpObjectCodec) and its
 * HttpTrafficHandler, which is where Reactor starts the application's handler.
 */
class ReactorNettyStackIT extends ServerStackSuite {
    @Override
    protected StackApp app() {
        return StackApp.of("server-reactor-netty", "testapp.reactornetty.Main");
    }

    @Test
    void upgradedH2cRequestIsDecidedOnItsStream() throws Exception {
        new H2cCases(baseUrl()).upgradedRequestIsDecidedOnItsStream(readerToken());
    }

    @Test
    void h2cStreamsOfOneConnectionAreDecidedEachOnTheirOwn() throws Exception {
        new H2cCases(baseUrl()).streamsAreDecidedEachOnTheirOwn(readerToken(),
                new ApplicationCodeWitness(appProcess(), baseUrl()));
    }
}
