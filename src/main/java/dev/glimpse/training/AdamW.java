package dev.glimpse.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * AdamW (decoupled weight decay) whose moment estimates can be saved with a checkpoint, so that a resumed
 * run continues exactly where it stopped (DJL's own optimisers keep their state private).
 */
final class AdamW {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;
    private final double weightDecay;
    private final Map<String, NDArray> first = new HashMap<>();
    private final Map<String, NDArray> second = new HashMap<>();
    private final Map<String, Integer> steps = new HashMap<>();

    AdamW(double weightDecay) {
        this.weightDecay = weightDecay;
    }

    /** One step on {@code weight} (in place) from its gradient; autograd must be off. */
    void update(String id, NDArray weight, NDArray grad, double lr) {
        NDArray m = first.computeIfAbsent(id, k -> weight.zerosLike());
        NDArray v = second.computeIfAbsent(id, k -> weight.zerosLike());
        int t = steps.merge(id, 1, Integer::sum);
        m.muli(BETA1);
        try (NDArray g = grad.mul(1 - BETA1)) {
            m.addi(g);
        }
        v.muli(BETA2);
        try (NDArray g2 = grad.square()) {
            g2.muli(1 - BETA2);
            v.addi(g2);
        }
        double bc1 = 1 - Math.pow(BETA1, t);
        double bc2 = 1 - Math.pow(BETA2, t);
        weight.muli(1 - lr * weightDecay);
        try (NDArray vHat = v.div(bc2); NDArray denominator = vHat.sqrt(); NDArray step = m.div(bc1)) {
            denominator.addi(EPS);
            step.divi(denominator).muli(lr);
            weight.subi(step);
        }
    }

    void save(DataOutputStream out) throws IOException {
        out.writeInt(first.size());
        for (String id : first.keySet()) {
            out.writeUTF(id);
            out.writeInt(steps.get(id));
            out.write(first.get(id).encode());
            out.write(second.get(id).encode());
        }
    }

    void load(DataInputStream in, NDManager manager) throws IOException {
        int n = in.readInt();
        for (int k = 0; k < n; k++) {
            String id = in.readUTF();
            steps.put(id, in.readInt());
            first.put(id, manager.decode(in));
            second.put(id, manager.decode(in));
        }
    }
}
