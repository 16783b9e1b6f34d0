package dev.glimpse.clip;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Decoded frames by index, least recently used first out, within a fixed byte budget. */
final class FrameCache {
    private final long budget;
    private final LinkedHashMap<Integer, FrameImage> frames = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    FrameCache(long budgetBytes) {
        this.budget = budgetBytes;
    }

    synchronized FrameImage get(int index) {
        return frames.get(index);
    }

    synchronized void put(int index, FrameImage frame) {
        if (frame.sizeInBytes() > budget) {
            return;
        }
        FrameImage old = frames.put(index, frame);
        if (old != null) {
            bytes -= old.sizeInBytes();
        }
        bytes += frame.sizeInBytes();
        Iterator<Map.Entry<Integer, FrameImage>> eldest = frames.entrySet().iterator();
        while (bytes > budget && eldest.hasNext()) {
            Map.Entry<Integer, FrameImage> e = eldest.next();
            if (e.getKey() == index) {
                continue;
            }
            bytes -= e.getValue().sizeInBytes();
            eldest.remove();
        }
    }

    long budget() {
        return budget;
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized int size() {
        return frames.size();
    }
}
