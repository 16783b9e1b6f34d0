package dev.glimpse.ui;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.Function;

/**
 * Work for a background thread, with what happens on the UI thread around it: the one way the view-models run
 * long work (after JabRef's BackgroundTask). Progress, success, cancellation and failure are handed to the UI
 * thread; a failure of any kind, an Error such as running out of memory included, ends the task with its
 * message, and {@code onFinished} runs in every case, so that controls a task disabled always come back.
 *
 * @param <T> what the work returns
 */
final class BackgroundTask<T> {
    /** The work, which may report progress (0 to 1) and should stop when its thread is interrupted. */
    @FunctionalInterface
    interface Work<T> {
        T run(DoubleConsumer progress) throws Exception;
    }

    private final Work<T> work;
    private DoubleConsumer onProgress = p -> { };
    private Consumer<T> onSuccess = r -> { };
    private Consumer<Throwable> onFailure = e -> { };
    private Consumer<Exception> onCancelled = e -> { };
    private Runnable onFinished = () -> { };

    private BackgroundTask(Work<T> work) {
        this.work = work;
    }

    static <T> BackgroundTask<T> of(Work<T> work) {
        return new BackgroundTask<>(work);
    }

    BackgroundTask<T> onProgress(DoubleConsumer action) {
        onProgress = action;
        return this;
    }

    BackgroundTask<T> onSuccess(Consumer<T> action) {
        onSuccess = action;
        return this;
    }

    /** A failure: an exception or an error, its message for the person. */
    BackgroundTask<T> onFailure(Consumer<Throwable> action) {
        onFailure = action;
        return this;
    }

    /** The work stopped because it was asked to (its thread interrupted, or a stop it honoured): why. */
    BackgroundTask<T> onCancelled(Consumer<Exception> action) {
        onCancelled = action;
        return this;
    }

    /** After success, failure or cancellation alike. */
    BackgroundTask<T> onFinished(Runnable action) {
        onFinished = action;
        return this;
    }

    /**
     * Runs the work through {@code submit} (an executor's or the analysis engine's), everything around it on
     * {@code uiThread}.
     */
    Future<?> runOn(Function<Runnable, Future<?>> submit, Executor uiThread) {
        return submit.apply(() -> {
            try {
                T result = work.run(p -> uiThread.execute(() -> onProgress.accept(p)));
                uiThread.execute(() -> onSuccess.accept(result));
            } catch (CancellationException | InterruptedException e) {
                uiThread.execute(() -> onCancelled.accept(e));
            } catch (Exception | Error e) { // an Error too: the person is told, the controls come back
                uiThread.execute(() -> onFailure.accept(e));
            } finally {
                uiThread.execute(onFinished);
            }
        });
    }

    /** A failure's message for the person: its own, or what it is when it has none. */
    static String message(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "out of memory (" + e.getMessage() + ")";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
