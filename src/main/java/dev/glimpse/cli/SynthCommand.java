package dev.glimpse.cli;

import dev.glimpse.dataset.synth.Emotion;
import dev.glimpse.dataset.synth.SyntheticDataset;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code glimpse synth}: a synthetic micro-expression dataset in a real dataset's layout. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Generate synthetic micro-expressions (rendered faces, labelled as synthetic).")
final class SynthCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "Folder to write.")
    Path out;

    @Option(names = "--layout", defaultValue = "casme2",
            description = "casme2 (cropped frames + coding sheet), casme2-raw, video (files + clips.csv), video-raw, or long (long sessions for spotting: videos + spotting.csv). Default: ${DEFAULT-VALUE}.")
    String layout;

    @Option(names = "--subjects", defaultValue = "4", description = "Subjects (default: ${DEFAULT-VALUE}).")
    int subjects;

    @Option(names = "--clips-per-class", defaultValue = "2", description = "Clips of each emotion per subject (default: ${DEFAULT-VALUE}).")
    int clipsPerClass;

    @Option(names = "--emotions", split = ",", defaultValue = "happiness,surprise,disgust,repression",
            description = "Emotions to express (default: ${DEFAULT-VALUE}); also sadness, fear, anger, others.")
    List<String> emotions;

    @Option(names = "--fps", defaultValue = "30", description = "Frame rate (default: ${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--size", defaultValue = "224", description = "Face crop side in pixels (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--video-kind", defaultValue = "mp4",
            description = "With --layout video: mp4, mp4-bframes, mov, avi, mkv or webm (default: ${DEFAULT-VALUE}).")
    String videoKind;

    @Option(names = "--context", defaultValue = "0",
            description = "Seconds of neutral face before and after each movement (default: 0.05-0.15 s at random).")
    double context;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--seconds", defaultValue = "120",
            description = "With --layout long: each session's length in seconds (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Override
    public Integer call() throws Exception {
        if ("long".equals(layout)) { // long sessions for spotting, with spotting.csv in the plain layout
            var sessions = dev.glimpse.dataset.synth.SyntheticSessions.write(out, subjects, seconds, fps, size, videoKind, seed);
            int truth = sessions.stream().mapToInt(w -> w.session().expressions().size()).sum();
            System.out.println("wrote " + sessions.size() + " synthetic sessions of " + seconds + " s (" + truth
                    + " expressions in spotting.csv) to " + out);
            return 0;
        }
        List<Emotion> parsed = emotions.stream().map(Emotion::parse).toList();
        var written = SyntheticDataset.write(out, new SyntheticDataset.Options(layout, subjects, clipsPerClass, parsed,
                fps, size, videoKind, context, seed));
        System.out.println("wrote " + written.size() + " synthetic clips to " + out);
        return 0;
    }
}
