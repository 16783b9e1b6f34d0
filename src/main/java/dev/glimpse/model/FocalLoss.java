package dev.glimpse.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;

/**
 * Focal loss (spec section 7): FL = -alpha_t (1 - p_t)^gamma log p_t, averaged over the batch.
 * Predictions are the network's logits ({@link AtmGcn#LOGITS}); labels are class indices.
 */
public final class FocalLoss extends Loss {
    private final float gamma;
    private final float[] alpha; // per-class weight, or null for 1

    public FocalLoss(float gamma, float[] alpha) {
        super("FocalLoss");
        this.gamma = gamma;
        this.alpha = alpha == null ? null : alpha.clone();
    }

    public FocalLoss() {
        this(2f, null);
    }

    /** Per-class alpha = inverse class frequency, scaled so that the weights average to 1. */
    public static float[] inverseFrequency(int[] counts) {
        float[] a = new float[counts.length];
        int present = 0;
        double sum = 0;
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] > 0) {
                a[c] = 1f / counts[c];
                sum += a[c];
                present++;
            }
        }
        for (int c = 0; c < counts.length; c++) {
            a[c] = (float) (a[c] * present / sum);
        }
        return a;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.get(AtmGcn.LOGITS);
        NDArray label = labels.singletonOrThrow().toType(DataType.INT64, false).reshape(-1, 1);
        NDArray logP = logits.logSoftmax(-1).gather(label, 1).reshape(-1);
        NDArray p = logP.exp();
        NDArray loss = p.neg().add(1).pow(gamma).mul(logP).neg();
        if (alpha != null) {
            NDArray weights = logits.getManager().create(alpha).toDevice(logits.getDevice(), false);
            loss = loss.mul(weights.get(label.reshape(-1)));
        }
        return loss.mean();
    }
}
