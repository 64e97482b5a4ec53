package io.thyme.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples this process's resident memory (the embedded TaskManager's) every 100 ms while a run
 * lasts.
 */
public final class ProcessMemory implements AutoCloseable {
    private final AtomicLong peakKb = new AtomicLong();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

    public ProcessMemory() {
        sampler.scheduleAtFixedRate(
                () -> peakKb.accumulateAndGet(rssKb(), Math::max), 0, 100, TimeUnit.MILLISECONDS);
    }

    public long peakMb() {
        return peakKb.get() / 1024;
    }

    private static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
