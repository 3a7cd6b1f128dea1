package dev.rolegate.agent.runtime;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's threads: daemons (never keep the application alive) whose context class loader is
 * the agent's own, so that they pin no application class loader.
 */
public final class Threads {
    private Threads() {
    }

    /** An unstarted daemon thread. */
    public static Thread daemon(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.setContextClassLoader(Threads.class.getClassLoader());
        return t;
    }

    /** A small pool for token renewals and key refetches; idle threads end after 30 s. */
    public static ThreadPoolExecutor workers(String prefix, int size) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory f = r -> daemon(prefix + "-" + n.incrementAndGet(), r);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), f);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
