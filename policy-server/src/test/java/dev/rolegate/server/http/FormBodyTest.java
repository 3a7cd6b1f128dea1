package dev.rolegate.server.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormBodyTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void decodesPlusAndPercentEncoding() throws Exception {
        assertThat(FormBody.parse(b("a=x+y&b=%2Fz"))).containsEntry("a", "x y").containsEntry("b", "/z");
    }

    @Test
    void refusesARepeatedParameter() {
        assertThatThrownBy(() -> FormBody.parse(b("a=1&a=2"))).hasMessageContaining("more than once");
    }

    @Test
    void refusesMalformedPercentEncoding() {
        assertThatThrownBy(() -> FormBody.parse(b("a=%zz"))).isInstanceOf(FormBody.MalformedFormException.class);
    }

    @Test
    void recognisesFormContentTypeWithCharset() {
        assertThat(FormBody.isForm("application/x-www-form-urlencoded; charset=UTF-8")).isTrue();
        assertThat(FormBody.isForm("application/json")).isFalse();
    }
}
