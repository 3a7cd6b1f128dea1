package dev.rolegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.policy.Node.ScalarKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Yaml11TypesTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "no|BOOLEAN", "No|BOOLEAN", "NO|BOOLEAN", "yes|BOOLEAN", "on|BOOLEAN", "OFF|BOOLEAN", "true|BOOLEAN",
            "False|BOOLEAN", "y|BOOLEAN", "N|BOOLEAN",
            "~|NULL", "null|NULL", "NULL|NULL",
            "0|INTEGER", "42|INTEGER", "-7|INTEGER", "0755|INTEGER", "0x1F|INTEGER", "0b101|INTEGER", "1_000|INTEGER",
            "1:20|INTEGER",
            "1.0|FLOAT", "1e3|FLOAT", ".5|FLOAT", ".inf|FLOAT", "-.Inf|FLOAT", ".NaN|FLOAT", "6.8523015e+5|FLOAT",
            "2024-01-01|TIMESTAMP", "2001-12-14t21:59:43.10-05:00|TIMESTAMP",
            "<<|OTHER", "=|OTHER",
            "GET|STRING", "inventory|STRING", "/items|STRING", "nope|STRING", "yess|STRING", "1.2.3|STRING",
            "v1|STRING", "1a|STRING", ".|STRING", "0o|STRING", "rolegate/v1|STRING", "inventory-reader|STRING",
    })
    void classifiesPlainScalarsLikeYaml11(String text, ScalarKind expected) {
        assertThat(Yaml11Types.classifyPlain(text)).isEqualTo(expected);
    }
}
