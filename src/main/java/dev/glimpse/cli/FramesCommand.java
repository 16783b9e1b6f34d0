package dev.glimpse.cli;

import dev.glimpse.clip.ClipSource;
import dev.glimpse.clip.ClipSources;
import dev.glimpse.clip.CropBox;
import dev.glimpse.clip.FaceCrop;
import dev.glimpse.clip.FrameImage;
import dev.glimpse.io.FilePaths;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code glimpse frames CLIP --at 10,250,37 --out DIR}: chosen frames, exactly, as PNG. */
@Command(name = "frames", mixinStandardHelpOptions = true,
        description = "Write chosen frames as DIR/frame_NNNNNN.png (frame numbers are the clip's own).")
final class FramesCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CLIP", description = "A video file or a folder of numbered frame images.")
    Path clip;

    @Option(names = "--at", required = true, split = ",", paramLabel = "N", description = "Frame numbers, in any order.")
    List<Integer> at;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write into.")
    Path out;

    @Option(names = "--crop", description = "Write the face crop (one box for the clip, found on its first frame).")
    boolean crop;

    @Option(names = "--box", paramLabel = "X,Y,SIZE", description = "With --crop: this square box instead of detection.")
    String box;

    @Option(names = "--size", description = "With --crop: resize the crop to SIZE x SIZE (default: the box's own size;"
            + " at most " + MAX_SIZE + ").")
    Integer size;

    /** The largest crop written: 4096 x 4096 x 3 bytes is 50 MB, more than any face crop needs. */
    static final int MAX_SIZE = dev.glimpse.clip.FaceCrop.MAX_SIZE;

    @Override
    public Integer call() throws Exception {
        if (size != null && (size < 1 || size > MAX_SIZE)) {
            throw new Main.UserError("--size must be 1 to " + MAX_SIZE + " pixels, was " + size);
        }
        if (size != null && !crop) {
            throw new Main.UserError("--size resizes the face crop: add --crop");
        }
        FilePaths.folderForWriting(out, "--out");
        try (ClipSource c = ClipSources.open(clip)) {
            for (int number : at) {
                c.indexOf(number); // every number checked before anything is written
            }
            CropBox cropBox = null;
            if (crop) {
                cropBox = box != null ? AnalyzeCommand.parseCrop(box) : FaceCrop.boxFor(c, c.read(0));
                if ("centre".equals(cropBox.source())) {
                    System.err.println("glimpse: no face found on the first frame; using a centred square crop");
                }
            }
            for (int number : at) {
                FrameImage f = c.read(c.indexOf(number));
                if (cropBox != null) {
                    f = FaceCrop.crop(f, cropBox, size != null ? size : Math.min(cropBox.size(), MAX_SIZE));
                }
                Path file = out.resolve(String.format("frame_%06d.png", number));
                ImageIO.write(f.toBufferedImage(), "png", file.toFile());
                System.out.println(file);
            }
        }
        return 0;
    }
}
