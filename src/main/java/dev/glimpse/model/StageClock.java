package dev.glimpse.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where an inference pass spends its time, stage by stage (issue 18: "find where the time goes"), for
 * {@code glimpse bench --stages}. Off unless switched on: then each stage's wall time is added up per thread. PyTorch on
 * the CPU runs each operation before returning (eager), so a clock around a block measures the block.
 */
public final class StageClock {
    private static volatile boolean on;
    private static final ThreadLocal<Map<String, Long>> TOTALS = ThreadLocal.withInitial(LinkedHashMap::new);

    private StageClock() {}

    /** Switches the clock on (or off) for every thread; turning it on clears this thread's totals. */
    public static void enable(boolean enabled) {
        on = enabled;
        TOTALS.get().clear();
    }

    /** Now, when the clock runs; 0 otherwise (and then {@link #lap} does nothing). */
    public static long start() {
        return on ? System.nanoTime() : 0;
    }

    /** Adds the time since {@code since} to {@code stage}; returns now, the next stage's start. */
    public static long lap(String stage, long since) {
        if (!on) {
            return 0;
        }
        long now = System.nanoTime();
        TOTALS.get().merge(stage, now - since, Long::sum);
        return now;
    }

    /** This thread's totals per stage, in nanoseconds, in the order the stages first ran; cleared. */
    public static Map<String, Long> take() {
        Map<String, Long> copy = new LinkedHashMap<>(TOTALS.get());
        TOTALS.get().clear();
        return copy;
    }
}
