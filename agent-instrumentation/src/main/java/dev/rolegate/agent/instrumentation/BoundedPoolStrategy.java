package dev.rolegate.agent.instrumentation;

import java.util.LinkedHashMap;
import java.util.Map;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Type pools for {@code DescriptionStrategy.POOL_ONLY}. Descriptions of JDK classes (boot and
 * platform loaders, where every current target lives) are kept in one bounded LRU cache per loader;
 * for any other loader a fresh cache per transformation, so that no application class loader is
 * pinned by the agent and memory stays bounded however many classes the application loads.
 */
final class BoundedPoolStrategy implements AgentBuilder.PoolStrategy {
    private final TypePool.CacheProvider boot;
    private final TypePool.CacheProvider platform;

    BoundedPoolStrategy(int maxEntriesPerLoader) {
        this.boot = new LruCacheProvider(maxEntriesPerLoader);
        this.platform = new LruCacheProvider(maxEntriesPerLoader);
    }

    @Override
    public TypePool typePool(ClassFileLocator classFileLocator, ClassLoader classLoader) {
        TypePool.CacheProvider cache;
        if (classLoader == null) {
            cache = boot;
        } else if (classLoader == ClassLoader.getPlatformClassLoader()) {
            cache = platform;
        } else {
            cache = TypePool.CacheProvider.Simple.withObjectType();
        }
        return new TypePool.Default.WithLazyResolution(cache, classFileLocator, TypePool.Default.ReaderMode.FAST);
    }

    @Override
    public TypePool typePool(ClassFileLocator classFileLocator, ClassLoader classLoader, String name) {
        return typePool(classFileLocator, classLoader);
    }

    /** A size-bounded, least-recently-used type-pool cache. */
    static final class LruCacheProvider implements TypePool.CacheProvider {
        private final Map<String, TypePool.Resolution> entries;

        LruCacheProvider(int maxEntries) {
            this.entries = new LinkedHashMap<>(64, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, TypePool.Resolution> eldest) {
                    return size() > maxEntries;
                }
            };
        }

        @Override
        public synchronized TypePool.Resolution find(String name) {
            return entries.get(name);
        }

        @Override
        public synchronized TypePool.Resolution register(String name, TypePool.Resolution resolution) {
            TypePool.Resolution previous = entries.putIfAbsent(name, resolution);
            return previous == null ? resolution : previous;
        }

        @Override
        public synchronized void clear() {
            entries.clear();
        }

        synchronized int size() {
            return entries.size();
        }
    }
}
