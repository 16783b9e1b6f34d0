package dev.glimpse.dataset.synth;

import dev.glimpse.clip.ClipException;
import dev.glimpse.clip.FrameImage;
import dev.glimpse.clip.VideoFileWriter;
import dev.glimpse.io.Csv;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes a synthetic micro-expression dataset, deterministic for its seed, in a real dataset's layout:
 *
 * <ul>
 *   <li>{@code casme2}: CASME II's cropped layout, {@code Cropped/subNN/EPxx_yyf/reg_imgN.jpg}, and a coding
 *       sheet {@code CASME2-coding-synthetic.xlsx} with the real sheet's columns;</li>
 *   <li>{@code casme2-raw}: {@code CASME2_RAW_selected/subNN/EPxx_yyf/imgN.jpg}, the face inside a larger frame;</li>
 *   <li>{@code video}: one video file per clip and {@code clips.csv} ({@code path,subject,onset,apex,offset,label});</li>
 *   <li>{@code video-raw}: the same with the face inside a larger frame.</li>
 * </ul>
 *
 * Every layout also gets {@code clips.csv} ({@code path,subject,onset,apex,offset,label}), the generic
 * format a lab's own clips use. Everything it writes is synthetic and says so (the sheet's name, {@code SYNTHETIC.txt} at the root).
 */
public final class SyntheticDataset {

    /**
     * @param layout casme2, casme2-raw or video
     * @param subjects number of subjects
     * @param clipsPerClass clips of each emotion per subject
     * @param emotions the emotions to express
     * @param fps frame rate of the recording
     * @param size side of the face crop (and of the frames, in the cropped layout)
     * @param videoKind for the video layout: mp4, mp4-bframes, mov, avi, mkv or webm
     * @param context seconds of neutral face before and after each movement (0: 0.05-0.15 s at random)
     * @param seed everything follows from it
     */
    public record Options(String layout, int subjects, int clipsPerClass, List<Emotion> emotions, double fps, int size,
                          String videoKind, double context, long seed) {
        public Options {
            emotions = List.copyOf(emotions);
            if (!List.of("casme2", "casme2-raw", "video", "video-raw").contains(layout)) {
                throw new IllegalArgumentException("unknown layout '" + layout
                        + "'; use casme2, casme2-raw, video or video-raw");
            }
            if (subjects < 1 || clipsPerClass < 1 || emotions.isEmpty()) {
                throw new IllegalArgumentException("need at least one subject, one clip per class and one emotion");
            }
            if (!(fps >= 10 && fps <= 500)) {
                throw new IllegalArgumentException("fps must be between 10 and 500, was " + fps);
            }
            if (context < 0 || context > 60) {
                throw new IllegalArgumentException("context must be between 0 and 60 seconds, was " + context);
            }
            if (size < 32 || size > 1024) {
                throw new IllegalArgumentException("size must be between 32 and 1024, was " + size);
            }
        }

        /** The face inside a larger frame, for face detection to find (the raw layouts). */
        public boolean raw() {
            return layout.endsWith("-raw");
        }

        /** Frame width: the face crop itself, or about 4:3 around it (even, for video encoders). */
        public int frameWidth() {
            return raw() ? (size * 4 / 3 + 64) / 2 * 2 : size;
        }

        public int frameHeight() {
            return raw() ? (size + 48) / 2 * 2 : size;
        }
    }

    /** What was written for one clip. */
    public record Written(String subject, String name, Path location, int onset, int apex, int offset,
                          Emotion emotion, String actionUnits) {}

    private SyntheticDataset() {}

    public static List<Written> write(Path root, Options o) throws IOException {
        Files.createDirectories(root);
        Random random = new Random(o.seed());
        List<Written> written = new ArrayList<>();
        for (int s = 1; s <= o.subjects(); s++) {
            SyntheticFace face = new SyntheticFace(random.nextLong());
            String subject = String.format(Locale.ROOT, "%02d", s);
            int episode = 0;
            for (Emotion emotion : o.emotions()) {
                for (int c = 0; c < o.clipsPerClass(); c++) {
                    episode++;
                    SyntheticClip clip = SyntheticClip.plan(face, emotion, o.fps(), o.context(), random);
                    String name = String.format(Locale.ROOT, "EP%02d_%02df", episode, c + 1);
                    written.add(switch (o.layout()) {
                        case "video", "video-raw" -> writeVideo(root, o, subject, name, clip);
                        default -> writeFolder(root, o, subject, name, clip, random.nextInt(200) + 1);
                    });
                }
            }
        }
        if (o.layout().startsWith("casme2")) {
            writeCodingSheet(root.resolve("CASME2-coding-synthetic.xlsx"), written);
        }
        writeCsv(root.resolve("clips.csv"), root, written);
        Files.writeString(root.resolve("SYNTHETIC.txt"), "Synthetic micro-expressions made by Glimpse's generator"
                + " (glimpse synth), seed " + o.seed() + ", layout " + o.layout() + ", " + o.subjects() + " subjects, "
                + o.clipsPerClass() + " clips per class, " + o.fps() + " fps, faces of " + o.size() + " px.\n"
                + "Rendered faces, not people: results on this data are results on synthetic data.\n");
        return written;
    }

    private static Written writeFolder(Path root, Options o, String subject, String name, SyntheticClip clip,
                                       int firstNumber) throws IOException {
        boolean raw = o.raw();
        Path dir = root.resolve(raw ? "CASME2_RAW_selected" : "Cropped").resolve("sub" + subject).resolve(name);
        Files.createDirectories(dir);
        SyntheticClip.Renderer r = clip.renderer(o.frameWidth(), o.frameHeight(), o.size());
        for (int k = 0; k < clip.frames(); k++) {
            writeJpeg(r.frame(k), dir.resolve((raw ? "img" : "reg_img") + (firstNumber + k) + ".jpg"));
        }
        return new Written(subject, name, dir, firstNumber + clip.onset(), firstNumber + clip.apex(),
                firstNumber + clip.offset(), clip.emotion(), clip.actionUnitCode());
    }

    private static Written writeVideo(Path root, Options o, String subject, String name, SyntheticClip clip)
            throws ClipException {
        VideoFileWriter.Kind kind = VideoFileWriter.Kind.named(o.videoKind());
        Path file = root.resolve("sub" + subject + "_" + name + "." + kind.extension());
        SyntheticClip.Renderer r = clip.renderer(o.frameWidth(), o.frameHeight(), o.size());
        try (VideoFileWriter w = VideoFileWriter.open(file, o.frameWidth(), o.frameHeight(), o.fps(), 12, kind)) {
            for (int k = 0; k < clip.frames(); k++) {
                w.write(r.frame(k));
            }
        }
        return new Written(subject, name, file, clip.onset(), clip.apex(), clip.offset(), clip.emotion(),
                clip.actionUnitCode());
    }

    /** Frames as the datasets ship them: JPEG, here at quality 0.95 so that 1-pixel movements survive. */
    public static void writeJpeg(FrameImage frame, Path file) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.95f);
        try (OutputStream out = Files.newOutputStream(file); ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(frame.toBufferedImage(), null, null), param);
        } finally {
            writer.dispose();
        }
    }

    /** The CASME II coding sheet's columns: Subject, Filename, (empty), OnsetFrame, ApexFrame, OffsetFrame, (empty), Action Units, Estimated Emotion. */
    private static void writeCodingSheet(Path file, List<Written> clips) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            Sheet sheet = book.createSheet("Sheet1");
            Row header = sheet.createRow(0);
            String[] names = {"Subject", "Filename", "", "OnsetFrame", "ApexFrame", "OffsetFrame", "", "Action Units",
                "Estimated Emotion"};
            for (int c = 0; c < names.length; c++) {
                if (!names[c].isEmpty()) {
                    header.createCell(c).setCellValue(names[c]);
                }
            }
            int r = 1;
            for (Written w : clips) {
                Row row = sheet.createRow(r++);
                row.createCell(0).setCellValue(w.subject()); // text "01", as in the 20190701 sheet
                row.createCell(1).setCellValue(w.name());
                row.createCell(3).setCellValue(w.onset());
                row.createCell(4).setCellValue(w.apex());
                row.createCell(5).setCellValue(w.offset());
                if (w.actionUnits().matches("\\d+")) {
                    row.createCell(7).setCellValue(Integer.parseInt(w.actionUnits())); // one AU: a number, as in the real sheet
                } else {
                    row.createCell(7).setCellValue(w.actionUnits());
                }
                row.createCell(8).setCellValue(w.emotion().label());
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                book.write(out);
            }
        }
    }

    private static void writeCsv(Path file, Path root, List<Written> clips) throws IOException {
        try (CSVPrinter w = Csv.writer(file)) {
            w.printRecord("path", "subject", "onset", "apex", "offset", "label");
            for (Written c : clips) {
                w.printRecord(Csv.text(root.relativize(c.location()).toString()), Csv.text(c.subject()), c.onset(),
                        c.apex(), c.offset(), c.emotion().label());
            }
        }
    }
}
