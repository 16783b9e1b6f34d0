package dev.glimpse.session;

import dev.glimpse.analysis.Analyzer;
import dev.glimpse.analysis.Weights;
import dev.glimpse.clip.FaceCrop;
import dev.glimpse.clip.FrameImage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The network a window analyses with: loaded once for its weights and device, in the background, and
 * shared by the clips opened one after another (loading and warming up take seconds). Everything that
 * touches the analyzer runs on the engine's one thread, in the order it was asked for, so an analysis
 * asked for while the engine loads simply waits for it.
 */
public final class AnalysisEngine implements AutoCloseable {
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "glimpse-analysis");
        t.setDaemon(true);
        return t;
    });
    private volatile Analyzer analyzer;
    private volatile String status = "loading ATM-GCN...";

    /** @param weights a weights folder, or null for the bundled weights */
    public AnalysisEngine(String weights, String device) {
        this(weights, device, java.util.concurrent.CompletableFuture.completedFuture(null));
    }

    /**
     * Loads once {@code notBefore} is done (the window's first frame on screen: on 2 cores, loading PyTorch
     * alongside would delay it by a second), or after 10 s whatever happens to it.
     */
    public AnalysisEngine(String weights, String device, java.util.concurrent.CompletionStage<?> notBefore) {
        worker.execute(() -> {
            try {
                notBefore.toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // closed before it loaded
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // load anyway
            }
            try {
                Analyzer a = Analyzer.load(Weights.open(weights), device, null);
                analyzer = a;
                status = a.deviceName() + " · weights " + a.manifest().name() + " (" + a.manifest().status() + ")";
                // the network's first pass, and OpenCV's face cascade (loaded on first use)
                a.warmUp();
                FaceCrop.detect(new FrameImage(96, 96, new byte[96 * 96 * 3]));
            } catch (Exception e) {
                status = "ATM-GCN unavailable: " + e.getMessage();
            }
        });
    }

    /** The loaded analyzer; null while it loads or when it could not be loaded (see {@link #status()}). */
    public Analyzer analyzer() {
        return analyzer;
    }

    /** What the engine is: its device and weights, that it is still loading, or why it is unavailable. */
    public String status() {
        return status;
    }

    /** Runs {@code work} on the engine's thread, after everything asked for before it. */
    public Future<?> submit(Runnable work) {
        return worker.submit(work);
    }

    @Override
    public void close() {
        worker.shutdownNow();
        Analyzer a = analyzer;
        if (a != null) {
            a.close();
        }
    }
}
