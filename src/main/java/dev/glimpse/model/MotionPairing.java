package dev.glimpse.model;

import ai.djl.ndarray.NDArray;

/** Temporal Motion Pairing (eq. 1): pairs p_i = (f_i, f_1), motion input Δf_i = f_i - f_1 for i = 2..L. */
public final class MotionPairing {
    private MotionPairing() {}

    /**
     * @param frames (B, L, 3, S, S)
     * @param noMotion the {@code noMotion} ablation: f_i itself instead of the difference
     * @return (B, N, 3, S, S)
     */
    public static NDArray pairs(NDArray frames, boolean noMotion) {
        NDArray later = frames.get(":, 1:");
        return noMotion ? later : later.sub(frames.get(":, 0:1"));
    }
}
