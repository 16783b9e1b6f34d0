package dev.glimpse.dataset.synth;

import dev.glimpse.clip.VideoFileWriter;
import dev.glimpse.io.Csv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes long synthetic sessions for spotting ({@link SyntheticSession}): one video per subject,
 * {@code sNN/sNN_1.mp4}, and the ground truth in the plain spotting layout, {@code spotting.csv}
 * ({@code subject,video,kind,onset,apex,offset}, frames 0-based as the videos number them), with a note that
 * the data is synthetic. Deterministic for its seed.
 */
public final class SyntheticSessions {
    /** What was written for one session. */
    public record Written(String subject, String video, Path file, SyntheticSession session) {}

    private SyntheticSessions() {}

    /**
     * @param faceSize the face's side in pixels; the frame is 1.6 x 1.2 times that (even sizes), so the face
     *                 is found by detection as in a real recording
     */
    public static List<Written> write(Path root, int subjects, double seconds, double fps, int faceSize, String videoKind,
                                      long seed) throws IOException {
        if (subjects < 1 || subjects > 100 || !(seconds >= 10 && seconds <= 4 * 3600) || faceSize < 64 || faceSize > 1080) {
            throw new IllegalArgumentException("sessions: 1-100 subjects, 10 s to 4 h each, faces of 64-1080 px");
        }
        Files.createDirectories(root);
        Random random = new Random(seed);
        VideoFileWriter.Kind kind = VideoFileWriter.Kind.named(videoKind);
        int width = (int) Math.round(faceSize * 1.6) / 2 * 2;
        int height = (int) Math.round(faceSize * 1.2) / 2 * 2;
        List<Written> written = new ArrayList<>();
        for (int s = 1; s <= subjects; s++) {
            String subject = String.format(Locale.ROOT, "s%02d", s);
            String video = subject + "_1";
            SyntheticSession session = SyntheticSession.plan(new SyntheticFace(random.nextLong()), fps, seconds, random);
            Path file = root.resolve(subject).resolve(video + "." + kind.extension());
            Files.createDirectories(file.getParent());
            SyntheticSession.Renderer r = session.renderer(width, height, faceSize);
            try (VideoFileWriter w = VideoFileWriter.open(file, width, height, fps, (int) Math.round(fps), kind)) {
                for (int k = 0; k < session.frames(); k++) {
                    w.write(r.frame(k));
                }
            }
            written.add(new Written(subject, video, file, session));
        }
        try (CSVPrinter csv = Csv.writer(root.resolve("spotting.csv"))) {
            csv.printRecord("subject", "video", "kind", "onset", "apex", "offset");
            for (Written w : written) {
                for (SyntheticSession.Expression e : w.session().expressions()) {
                    csv.printRecord(w.subject(), w.video(), e.kind(), e.onset(), e.apex(), e.offset());
                }
            }
        }
        // the distractors, for looking into what a spotter proposed where there was no expression
        try (CSVPrinter csv = Csv.writer(root.resolve("distractors.csv"))) {
            csv.printRecord("subject", "video", "kind", "start", "end");
            for (Written w : written) {
                SyntheticSession.Renderer r = w.session().renderer(width, height, faceSize);
                for (String kindName : List.of("blink", "speech", "head-turn")) {
                    List<SyntheticSession.Interval> spans = kindName.equals("blink") ? w.session().blinks()
                            : kindName.equals("speech") ? w.session().speech() : r.headTurns();
                    for (SyntheticSession.Interval i : spans) {
                        csv.printRecord(w.subject(), w.video(), kindName, i.start(), i.start() + i.length());
                    }
                }
            }
        }
        int blinks = written.stream().mapToInt(w -> w.session().blinks().size()).sum();
        Files.writeString(root.resolve("SYNTHETIC.txt"), "Synthetic long sessions for spotting, made by Glimpse's"
                + " generator (glimpse synth --layout long), seed " + seed + ", " + subjects + " subjects, " + seconds
                + " s each at " + fps + " fps, faces of " + faceSize + " px; " + blinks + " blinks, speech and head"
                + " movement as distractors.\nRendered faces, not people: results on this data are results on synthetic"
                + " data.\n");
        return written;
    }
}
