package dev.rolegate.it.stacks;

import org.junit.jupiter.api.Test;

/**
 * {@link ServerStackSuite} on plain Netty speaking HTTP/1.1 and h2c (CleartextHttp2ServerUpgradeHandler,
 * Http2FrameCodec + Http2MultiplexHandler, one Http2StreamFrameToHttpObjectCodec pipeline per
 * stream), plus the h2c cases.
 */
class NettyH2cStackIT extends ServerStackSuite {
    @Override
    protected StackApp app() {
        return StackApp.of("server-netty", "testapp.netty.Main", "h2c");
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
