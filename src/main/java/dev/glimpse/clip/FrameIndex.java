package dev.glimpse.clip;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Every video frame's presentation timestamp, in presentation order, and where decoding may start:
 * built in one pass over the packets (no decoding), so a container's frame count or frame rate is never
 * trusted. Timestamps are in the stream's time base {@code timeBaseNum / timeBaseDen} seconds.
 */
final class FrameIndex {
    private static final int MAGIC = 0x474c4958; // "GLIX"
    private static final int VERSION = 1;

    final long[] pts;        // presentation order, strictly increasing
    final boolean[] key;     // frame may start decoding (a keyframe)
    final long[] seekTs;     // for keyframes: the timestamp to seek the demuxer to
    final int timeBaseNum;
    final int timeBaseDen;
    final boolean complete;  // false when reading stopped at damage before the end of the file

    FrameIndex(long[] pts, boolean[] key, long[] seekTs, int timeBaseNum, int timeBaseDen, boolean complete) {
        this.pts = pts;
        this.key = key;
        this.seekTs = seekTs;
        this.timeBaseNum = timeBaseNum;
        this.timeBaseDen = timeBaseDen;
        this.complete = complete;
    }

    /** Sorts packets (decode order) into presentation order. */
    static FrameIndex fromPackets(long[] packetPts, long[] packetSeek, boolean[] packetKey, int count,
                                  int tbNum, int tbDen, boolean complete) {
        Integer[] order = new Integer[count];
        for (int k = 0; k < count; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> Long.compare(packetPts[a], packetPts[b]));
        long[] pts = new long[count];
        boolean[] key = new boolean[count];
        long[] seek = new long[count];
        for (int k = 0; k < count; k++) {
            pts[k] = packetPts[order[k]];
            key[k] = packetKey[order[k]];
            seek[k] = packetSeek[order[k]];
        }
        if (count > 0) {
            key[0] = true; // decoding from the start always works, whatever the first packet says
        }
        return new FrameIndex(pts, key, seek, tbNum, tbDen, complete);
    }

    int count() {
        return pts.length;
    }

    /** Presentation index of the frame with timestamp {@code t}, or -1. */
    int indexOfPts(long t) {
        int k = Arrays.binarySearch(pts, t);
        return k >= 0 ? k : -1;
    }

    /** The latest keyframe at or before presentation index {@code index}, counting back {@code skip} further keyframes. */
    int keyframeAtOrBefore(int index, int skip) {
        int k = index;
        int remaining = skip;
        while (k > 0) {
            if (key[k]) {
                if (remaining == 0) {
                    return k;
                }
                remaining--;
            }
            k--;
        }
        return 0;
    }

    double seconds(int index) {
        return (pts[index] - pts[0]) * (double) timeBaseNum / timeBaseDen;
    }

    /** Frame intervals differ by more than one time-base tick beyond rounding. */
    boolean variableFrameRate() {
        if (pts.length < 3) {
            return false;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int k = 1; k < pts.length; k++) {
            long d = pts[k] - pts[k - 1];
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        return max - min > Math.max(1, max / 100);
    }

    /** Mean frame rate over the whole clip. */
    double meanFps() {
        if (pts.length < 2) {
            return 0;
        }
        return (pts.length - 1) / seconds(pts.length - 1);
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(timeBaseNum);
        out.writeInt(timeBaseDen);
        out.writeBoolean(complete);
        out.writeInt(pts.length);
        for (int k = 0; k < pts.length; k++) {
            out.writeLong(pts[k]);
            out.writeBoolean(key[k]);
            if (key[k]) {
                out.writeLong(seekTs[k]);
            }
        }
    }

    static FrameIndex read(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC || in.readInt() != VERSION) {
            throw new IOException("not a frame index of this version");
        }
        int num = in.readInt();
        int den = in.readInt();
        boolean complete = in.readBoolean();
        int n = in.readInt();
        if (n < 0 || n > 100_000_000) {
            throw new IOException("implausible frame count " + n);
        }
        long[] pts = new long[n];
        boolean[] key = new boolean[n];
        long[] seek = new long[n];
        for (int k = 0; k < n; k++) {
            pts[k] = in.readLong();
            key[k] = in.readBoolean();
            if (key[k]) {
                seek[k] = in.readLong();
            }
        }
        return new FrameIndex(pts, key, seek, num, den, complete);
    }
}
