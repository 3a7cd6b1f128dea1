package dev.rolegate.benchmarks.apps;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.charset.StandardCharsets;

/**
 * What every benchmark app does besides serving: says when main() was entered (JVM uptime, so the
 * harness can see the time spent before main, premain included), and answers {@code MEM} on stdin
 * with its heap and metaspace in use after full collections (the footprint harness).
 */
public final class AppSupport {
    private AppSupport() {
    }

    /** Prints {@code MAIN <uptime ms>}; call first thing in main(). */
    public static void mainEntered() {
        System.out.println("MAIN " + ManagementFactory.getRuntimeMXBean().getUptime());
    }

    /** Serves stdin commands on a daemon thread. */
    public static void serveCommands() {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.equals("MEM")) {
                        System.out.println("MEM " + heapAfterGc() + " " + metaspace());
                    }
                }
            } catch (java.io.IOException e) {
                System.out.println("stdin closed: " + e);
            }
        }, "bench-commands");
        t.setDaemon(true);
        t.start();
    }

    private static long heapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static long metaspace() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals("Metaspace")) {
                return pool.getUsage().getUsed();
            }
        }
        return -1;
    }
}
