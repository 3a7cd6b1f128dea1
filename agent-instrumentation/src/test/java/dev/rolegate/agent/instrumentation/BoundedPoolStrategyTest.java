package dev.rolegate.agent.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

class BoundedPoolStrategyTest {

    @Test
    void typePoolCacheEvictsTheLeastRecentlyUsedEntryBeyondItsBound() {
        BoundedPoolStrategy.LruCacheProvider cache = new BoundedPoolStrategy.LruCacheProvider(2);
        TypePool.Resolution a = new TypePool.Resolution.Simple(TypeDescription.ForLoadedType.of(String.class));
        TypePool.Resolution b = new TypePool.Resolution.Simple(TypeDescription.ForLoadedType.of(Integer.class));
        TypePool.Resolution c = new TypePool.Resolution.Simple(TypeDescription.ForLoadedType.of(Long.class));

        cache.register("a", a);
        cache.register("b", b);
        cache.find("a");
        cache.register("c", c);

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.find("a")).isSameAs(a);
        assertThat(cache.find("b")).isNull();
        assertThat(cache.find("c")).isSameAs(c);
    }
}
