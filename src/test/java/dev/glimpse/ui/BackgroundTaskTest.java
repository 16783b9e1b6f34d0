package dev.glimpse.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every way a background job ends reaches the UI thread, and the controls it disabled always come back. */
class BackgroundTaskTest {

    private static List<String> run(BackgroundTask.Work<String> work) throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            BackgroundTask.of(work)
                    .onProgress(p -> seen.add("progress " + p))
                    .onSuccess(r -> seen.add("success " + r))
                    .onCancelled(e -> seen.add("cancelled " + e.getMessage()))
                    .onFailure(e -> seen.add("failure " + BackgroundTask.message(e)))
                    .onFinished(() -> seen.add("finished"))
                    .runOn(worker::submit, Runnable::run).get(30, TimeUnit.SECONDS);
        } finally {
            worker.shutdown();
        }
        return seen;
    }

    @Test
    void successProgressFailureErrorAndCancellationAllEndFinished() throws Exception {
        assertEquals(List.of("progress 0.5", "success done", "finished"), run(p -> {
            p.accept(0.5);
            return "done";
        }));
        assertEquals(List.of("failure no such file", "finished"), run(p -> {
            throw new java.io.IOException("no such file");
        }));
        // an Error (the session was out of native memory) must not leave "analysing..." on screen for good
        assertEquals(List.of("failure out of memory (physicalBytes > maxPhysicalBytes)", "finished"), run(p -> {
            throw new OutOfMemoryError("physicalBytes > maxPhysicalBytes");
        }));
        assertEquals(List.of("cancelled stopped after epoch 3", "finished"), run(p -> {
            throw new CancellationException("stopped after epoch 3");
        }));
        assertEquals(List.of("failure NullPointerException", "finished"), run(p -> {
            throw new NullPointerException();
        }));
    }
}
