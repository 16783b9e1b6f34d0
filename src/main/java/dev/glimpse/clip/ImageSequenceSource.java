package dev.glimpse.clip;

import dev.glimpse.io.FilePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A folder of numbered images as the datasets ship them ({@code img46.jpg}, {@code reg_img46.jpg},
 * {@code 006_05562.jpg}, {@code image000123.bmp}): sorted by the number in the name (the last run of
 * digits), not by string order; that number is the frame number.
 */
public final class ImageSequenceSource implements ClipSource {
    private static final Pattern NUMBER = Pattern.compile("(\\d+)(?!.*\\d)");
    private static final List<String> EXTENSIONS = List.of("jpg", "jpeg", "png", "bmp");
    public static final double DEFAULT_FPS = 30.0;

    private final Path folder;
    private final Path[] files;
    private final int[] numbers;
    private final int width;
    private final int height;
    private final double fps;
    private final boolean cropped;

    private ImageSequenceSource(Path folder, Path[] files, int[] numbers, int width, int height, double fps,
                                boolean cropped) {
        this.folder = folder;
        this.files = files;
        this.numbers = numbers;
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.cropped = cropped;
    }

    public static ImageSequenceSource open(Path folder) throws ClipException {
        return open(folder, DEFAULT_FPS, false);
    }

    /**
     * @param fps frame rate of the recording (folders carry none: CASME II and SAMM are 200, CAS(ME)3 30)
     * @param alreadyCropped the frames are a dataset's face crops
     */
    public static ImageSequenceSource open(Path folder, double fps, boolean alreadyCropped) throws ClipException {
        if (!Files.isDirectory(folder)) {
            throw new ClipException(folder, Files.exists(folder) ? "is not a folder" : FilePaths.missing(folder));
        }
        if (!(fps > 0)) {
            throw new ClipException(folder, "frame rate must be positive, was " + fps);
        }
        List<Path> images = new ArrayList<>();
        try (Stream<Path> list = Files.list(folder)) {
            list.filter(p -> Files.isRegularFile(p) && isImage(p)).forEach(images::add);
        } catch (IOException e) {
            throw new ClipException(folder, "cannot list the folder: " + e.getMessage(), e);
        }
        if (images.isEmpty()) {
            throw new ClipException(folder, "holds no frame images (" + String.join(", ", EXTENSIONS) + ")");
        }
        record Numbered(Path file, int number) {}
        List<Numbered> numbered = new ArrayList<>();
        for (Path p : images) {
            Matcher m = NUMBER.matcher(stem(p));
            if (!m.find()) {
                throw new ClipException(p, "has no frame number in its name");
            }
            numbered.add(new Numbered(p, Integer.parseInt(m.group(1))));
        }
        numbered.sort((a, b) -> Integer.compare(a.number(), b.number()));
        Path[] files = new Path[numbered.size()];
        int[] numbers = new int[numbered.size()];
        for (int k = 0; k < files.length; k++) {
            files[k] = numbered.get(k).file();
            numbers[k] = numbered.get(k).number();
            if (k > 0 && numbers[k] == numbers[k - 1]) {
                throw new ClipException(folder, "two frames carry the number " + numbers[k] + ": "
                        + files[k - 1].getFileName() + " and " + files[k].getFileName());
            }
        }
        int[] size = imageSize(files[0]);
        for (int k = 1; k < files.length; k++) {
            int[] other = imageSize(files[k]);
            if (other[0] != size[0] || other[1] != size[1]) {
                throw new ClipException(folder, "frames differ in size: " + files[0].getFileName() + " is "
                        + size[0] + " x " + size[1] + ", " + files[k].getFileName() + " is " + other[0] + " x " + other[1]);
            }
        }
        return new ImageSequenceSource(folder, files, numbers, size[0], size[1], fps, alreadyCropped);
    }

    static boolean isImage(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1));
    }

    private static String stem(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Width and height from the image header, without decoding the pixels. */
    private static int[] imageSize(Path file) throws ClipException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new ClipException(file, "is not an image this program can read");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (ClipException e) {
            throw e;
        } catch (IOException e) {
            throw new ClipException(file, "cannot read the image header: " + e.getMessage(), e);
        }
    }

    @Override
    public Path path() {
        return folder;
    }

    @Override
    public int frameCount() {
        return files.length;
    }

    @Override
    public double fps() {
        return fps;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int frameNumber(int index) {
        return numbers[checkIndex(index)];
    }

    @Override
    public int indexOf(int number) {
        int k = Arrays.binarySearch(numbers, number);
        if (k < 0) {
            throw new IllegalArgumentException(folder + ": no frame numbered " + number
                    + " (frames run from " + numbers[0] + " to " + numbers[numbers.length - 1] + ")");
        }
        return k;
    }

    /** A folder's frames are evenly spaced by their numbers: frame n is at (n - first) / fps. */
    @Override
    public double timestampSeconds(int index) {
        return (numbers[checkIndex(index)] - numbers[0]) / fps;
    }

    @Override
    public boolean variableFrameRate() {
        return false;
    }

    @Override
    public boolean alreadyCropped() {
        return cropped;
    }

    /** The file behind frame {@code index}. */
    public Path file(int index) {
        return files[checkIndex(index)];
    }

    @Override
    public FrameImage read(int index) throws IOException {
        Path file = files[checkIndex(index)];
        try {
            var image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new ClipException(file, "is not an image this program can read");
            }
            if (image.getWidth() != width || image.getHeight() != height) {
                throw new ClipException(file, "is " + image.getWidth() + " x " + image.getHeight()
                        + ", the clip's frames are " + width + " x " + height);
            }
            return FrameImage.of(image);
        } catch (NoSuchFileException | javax.imageio.IIOException e) {
            if (!Files.exists(file)) {
                throw new ClipException(file, "has disappeared since the clip was opened", e);
            }
            throw new ClipException(file, "cannot be decoded: " + e.getMessage(), e);
        }
    }

    private int checkIndex(int index) {
        if (index < 0 || index >= files.length) {
            throw new IndexOutOfBoundsException(folder + ": frame index " + index + " outside 0.." + (files.length - 1));
        }
        return index;
    }

    @Override
    public void close() {
        // nothing held open between reads
    }
}
