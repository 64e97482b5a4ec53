package io.thyme.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * This JVM's heap while a run lasts: the peak of heap used, sampled every 100 ms (garbage included:
 * what the heap had to hold at once), and the peak of heap used right after a collection, from
 * every collection's notification (the live set: what the run keeps).
 */
public final class HeapMemory implements AutoCloseable {
    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final List<MemoryPoolMXBean> heapPools =
            ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP)
                    .toList();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

    private final NotificationListener afterGc = this::collected;

    public HeapMemory() {
        sampler.scheduleAtFixedRate(
                () ->
                        peakUsed.accumulateAndGet(
                                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                                Math::max),
                0,
                100,
                TimeUnit.MILLISECONDS);
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector).addNotificationListener(afterGc, null, null);
        }
    }

    private void collected(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                notification.getType())) {
            return;
        }
        Map<String, MemoryUsage> after =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                        .getGcInfo()
                        .getMemoryUsageAfterGc();
        long used = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            MemoryUsage usage = after.get(pool.getName());
            used += usage == null ? 0 : usage.getUsed();
        }
        peakAfterGc.accumulateAndGet(used, Math::max);
    }

    public long peakUsedMb() {
        return peakUsed.get() >> 20;
    }

    public long peakAfterGcMb() {
        return peakAfterGc.get() >> 20;
    }

    public static long maxMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() >> 20;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            try {
                ((NotificationEmitter) collector).removeNotificationListener(afterGc);
            } catch (ListenerNotFoundException e) {
                // not registered: nothing to remove
            }
        }
    }
}
