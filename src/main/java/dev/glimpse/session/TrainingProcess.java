package dev.glimpse.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glimpse.analysis.DjlRuntime;
import dev.glimpse.training.Recipe;
import dev.glimpse.training.Training;
import dev.glimpse.training.TrainingListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * Training or evaluating ATM-GCN for the desktop app in a child process: the command line's {@code train} or
 * {@code evaluate} with {@code --progress-json}, its progress read back into a {@link TrainingListener}. A run
 * holds gigabytes of native memory that an allocator keeping freed memory never hands back; in a child process
 * all of it goes when the run ends, and the window's own process (its clips, its analyses) is left as it was.
 */
public final class TrainingProcess {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a run ended well: the message for the person, whether the work is complete, the weights written. */
    public record Outcome(String message, boolean complete, Path trained) {}

    private TrainingProcess() {}

    /** The command line of {@code train} ({@code evaluate} when {@code evaluate}) for {@code recipe} into {@code out}. */
    public static List<String> arguments(Recipe recipe, boolean evaluate, Path out, boolean resume) {
        Training.Options o = recipe.options();
        List<String> args = new ArrayList<>(List.of(evaluate ? "evaluate" : "train", "--progress-json",
                "--dataset", recipe.dataset(), "--root", recipe.root().toString(), "--scheme", recipe.scheme(),
                "--preset", recipe.preset(), "--epochs", Integer.toString(o.epochs()), "--batch", Integer.toString(o.batch()),
                "--seed", Long.toString(o.seed()), "--lr", Double.toString(o.lr()), "--lr-final", Double.toString(o.lrFinal()),
                "--weight-decay", Double.toString(o.weightDecay()), "--out", out.toString()));
        if (recipe.sheet() != null) {
            args.addAll(List.of("--sheet", recipe.sheet().toString()));
        }
        if (recipe.ablation() != null) {
            args.addAll(List.of("--ablation", recipe.ablation()));
        }
        if (recipe.cache() != null) {
            args.addAll(List.of("--cache", recipe.cache().toString()));
        }
        if (o.alphaInverseFrequency()) {
            args.add("--alpha");
        }
        if (o.colorJitter()) {
            args.add("--color-jitter");
        }
        if (o.flip()) {
            args.add("--flip");
        }
        if (resume) {
            args.add("--resume");
        }
        return args;
    }

    /**
     * Runs {@code glimpse ARGS} in a child JVM of this one (same Java, class path and system properties that
     * matter), feeding its progress to {@code listener}; {@code listener.stopRequested()} is passed on as a stop.
     *
     * @throws CancellationException when the run stopped as asked (its checkpoint kept), with the reason
     * @throws IOException with the child's own message when it failed
     */
    public static Outcome run(List<String> arguments, TrainingListener listener) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true"));
        for (String property : List.of("glimpse.data", "glimpse.home")) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.glimpse.cli.Main"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE);
        if (!DjlRuntime.BFLOAT16.equals(System.getenv("GLIMPSE_PRECISION"))) {
            // trained in float32, as ./glimpse train is, unless bfloat16 was asked for by name (installers/allocator.sh)
            builder.environment().remove("ONEDNN_DEFAULT_FPMATH_MODE");
        }
        Process child = builder.start();
        StringBuilder errors = new StringBuilder();
        Thread stderr = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (errors) {
                        errors.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // the child is gone
            }
        }, "glimpse-training-stderr");
        stderr.setDaemon(true);
        stderr.start();
        Thread stopper = new Thread(() -> {
            try (OutputStream in = child.getOutputStream()) {
                while (child.isAlive()) {
                    if (listener.stopRequested()) {
                        in.write("stop\n".getBytes(StandardCharsets.UTF_8));
                        in.flush();
                        return;
                    }
                    Thread.sleep(200);
                }
            } catch (IOException | InterruptedException e) {
                // the child ended, or the run is being given up
            }
        }, "glimpse-training-stop");
        stopper.setDaemon(true);
        stopper.start();
        JsonNode end = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                JsonNode e;
                try {
                    e = JSON.readTree(line);
                } catch (IOException notJson) {
                    continue; // a library's chatter on stdout
                }
                if (e == null || !e.has("event")) {
                    continue;
                }
                switch (e.get("event").asText()) {
                    case "preparing" -> listener.preparing(e.get("done").asInt(), e.get("total").asInt());
                    case "fold" -> listener.foldStarted(e.get("fold").asInt(), e.get("folds").asInt(), e.get("subject").asText());
                    case "step" -> listener.step(e.get("epoch").asInt(), e.get("epochs").asInt(), e.get("step").asInt(),
                            e.get("steps").asInt(), e.get("loss").asDouble(), e.get("clipsPerSecond").asDouble(),
                            e.get("secondsLeft").asDouble());
                    case "epoch" -> listener.epochFinished(e.get("epoch").asInt(), e.get("epochs").asInt(),
                            e.get("meanLoss").asDouble(), e.get("seconds").asDouble());
                    case "foldFinished" -> listener.foldFinished(e.get("fold").asInt(), e.get("folds").asInt(),
                            e.get("subject").asText(), e.get("correct").asInt(), e.get("total").asInt());
                    case "done", "stopped" -> end = e;
                    default -> { } // an event of a newer version: nothing to show
                }
            }
        } finally {
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
            stderr.join(5000);
        }
        if (end != null && end.get("event").asText().equals("done") && child.exitValue() == 0) {
            JsonNode trained = end.get("trained");
            return new Outcome(end.get("message").asText(), end.get("complete").asBoolean(),
                    trained == null || trained.isNull() ? null : Path.of(trained.asText()));
        }
        if (end != null && end.get("event").asText().equals("stopped")) {
            throw new CancellationException(end.get("message").asText());
        }
        String text;
        synchronized (errors) {
            text = errors.toString();
        }
        throw new IOException(lastMessage(text, child.exitValue()));
    }

    /** The child's own words for its failure: its last "glimpse: ..." line, else its last line. */
    private static String lastMessage(String stderr, int exit) {
        String said = null;
        String last = null;
        for (String line : stderr.split("\n")) {
            if (line.startsWith("glimpse: ")) {
                said = line.substring("glimpse: ".length());
            }
            if (!line.isBlank()) {
                last = line.strip();
            }
        }
        return said != null ? said : last != null ? last + " (exit " + exit + ")"
                : String.format(Locale.ROOT, "the training process ended with exit code %d and no message", exit);
    }
}
