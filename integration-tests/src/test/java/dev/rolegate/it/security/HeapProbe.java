package dev.rolegate.it.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The used heap of another JVM after a full GC, through {@code jcmd} ({@code GC.run}, then
 * {@code GC.heap_info}); the harness starts child JVMs with the serial collector, whose two
 * generations are summed. The process is found by the TCP port it listens on ({@code ss -ltnp}).
 */
final class HeapProbe {
    private static final Pattern USED = Pattern.compile("(?m)^\\s*(def new generation|tenured generation)\\s+total \\d+K, used (\\d+)K");
    private static final Pattern PID = Pattern.compile("pid=(\\d+)");

    private HeapProbe() {
    }

    static long pidListeningOn(int port) throws IOException, InterruptedException {
        String out = run("ss", "-ltnpH", "sport = :" + port);
        Matcher m = PID.matcher(out);
        if (!m.find()) {
            throw new AssertionError("no process found listening on port " + port + " (ss said: " + out + ")");
        }
        return Long.parseLong(m.group(1));
    }

    /** Used heap in KiB right after a full GC. */
    static long usedAfterFullGcKiB(long pid) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        run(jcmd, Long.toString(pid), "GC.run");
        String info = run(jcmd, Long.toString(pid), "GC.heap_info");
        Matcher m = USED.matcher(info);
        long sum = 0;
        int found = 0;
        while (m.find()) {
            sum += Long.parseLong(m.group(2));
            found++;
        }
        if (found == 0) {
            throw new AssertionError("cannot read the heap of " + pid + " from:\n" + info);
        }
        return sum;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
