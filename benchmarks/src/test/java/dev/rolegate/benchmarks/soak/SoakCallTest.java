package dev.rolegate.benchmarks.soak;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The soak's judgement of an answer (the soak itself runs only from {@code scripts/soak.sh}): what
 * counts as a wrong decision rather than an error, the mix, and the forged token.
 */
class SoakCallTest {
    @Test
    void anAllowedCallRefusedIsAWrongDecisionButA5xxIsAnError() {
        assertThat(SoakCall.ALLOWED_GET.wrongDecision(403)).isTrue();
        assertThat(SoakCall.ALLOWED_GET.wrongDecision(401)).isTrue();
        assertThat(SoakCall.ALLOWED_GET.wrongDecision(503)).isFalse();
    }

    @Test
    void aDeniedCallLetThroughIsAWrongDecision() {
        for (SoakCall denied : new SoakCall[] {SoakCall.DENIED_METHOD, SoakCall.DENIED_PATH, SoakCall.NO_TOKEN,
                SoakCall.FORGED_TOKEN}) {
            assertThat(denied.wrongDecision(200)).as(denied.name()).isTrue();
            assertThat(denied.wrongDecision(204)).as(denied.name()).isTrue();
            assertThat(denied.wrongDecision(500)).as(denied.name()).isFalse();
        }
    }

    @Test
    void halfOfTheMixIsAllowedAndEveryKindOfRefusalIsInIt() {
        long allowed = Arrays.stream(SoakCall.MIX).filter(SoakCall::allowed).count();

        assertThat(allowed * 2).isEqualTo(SoakCall.MIX.length);
        assertThat(SoakCall.MIX).contains(SoakCall.values());
    }

    @Test
    void theForgedTokenDiffersOnlyInOneSignatureCharacter() {
        String token = "aGVhZGVy.cGF5bG9hZA.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJl";

        String forged = SoakLoad.forge(token);

        assertThat(forged).hasSameSizeAs(token).isNotEqualTo(token);
        assertThat(forged.substring(0, forged.lastIndexOf('.'))).isEqualTo(token.substring(0, token.lastIndexOf('.')));
        assertThat(forged).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    }
}
