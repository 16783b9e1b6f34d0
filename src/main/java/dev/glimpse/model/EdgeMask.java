package dev.glimpse.model;

/**
 * The directed edge mask E of eqs. 3-5. Nodes 0..N-1 stand for the frame pairs of frames 2..L
 * (paper numbering, 1-based); node a-2 is the Global Motion Node of the apex frame a.
 * {@code edge(i, j)} is the edge (v_i, v_j): a message flowing from node i to node j, so row i
 * holds what node i sends and column j what node j receives.
 */
public final class EdgeMask {
    private final int nodes;
    private final int globalNode;
    private final boolean[] edges;

    private EdgeMask(int nodes, int globalNode, boolean[] edges) {
        this.nodes = nodes;
        this.globalNode = globalNode;
        this.edges = edges;
    }

    /**
     * @param frames L, frames per clip
     * @param apexFrame a, the apex frame's position among the L frames, 2 <= a <= L
     * @param window w, the temporal neighbourhood
     */
    public static EdgeMask of(int frames, int apexFrame, int window) {
        if (frames < 3) {
            throw new IllegalArgumentException("need at least 3 frames, got " + frames);
        }
        if (apexFrame < 2 || apexFrame > frames) {
            throw new IllegalArgumentException("apex frame must be in [2, " + frames + "], got " + apexFrame);
        }
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1, got " + window);
        }
        int n = frames - 1;
        int g = globalNodeOf(apexFrame);
        boolean[] e = new boolean[n * n];
        for (int i = 0; i < n; i++) {
            // eq. 3: temporal neighbours within w, self loop included
            for (int j = Math.max(0, i - window); j <= Math.min(n - 1, i + window); j++) {
                e[i * n + j] = true;
            }
            // eq. 4: every local node sends to g; eq. 5: g sends to every node
            e[i * n + g] = true;
            e[g * n + i] = true;
        }
        return new EdgeMask(n, g, e);
    }

    public int nodes() {
        return nodes;
    }

    /** Node index (0-based) of the Global Motion Node. */
    /**
     * The Global Motion Node for the apex at position {@code apexPosition} (1-based) among the L frames: node i
     * pairs frame i + 1 with the onset (frame 0), so the apex's pair is node a - 2 (0-based).
     */
    public static int globalNodeOf(int apexPosition) {
        return apexPosition - 2;
    }

    public int globalNode() {
        return globalNode;
    }

    public boolean edge(int from, int to) {
        return edges[from * nodes + to];
    }

    /** Row-major N x N matrix of 1 (edge) and 0. */
    public float[] toFloats() {
        float[] out = new float[edges.length];
        for (int k = 0; k < edges.length; k++) {
            out[k] = edges[k] ? 1f : 0f;
        }
        return out;
    }
}
