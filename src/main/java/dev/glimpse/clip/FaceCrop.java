package dev.glimpse.clip;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.createCLAHE;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.equalizeHist;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_imgproc.CLAHE;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * Face detection on the onset frame with the Haar cascade shipped inside the OpenCV jar (nothing is
 * downloaded), and the crop + resize of every frame with that one box.
 */
public final class FaceCrop {
    /** Share of the face box added on each side: a Haar box stops at the brows and chin. */
    public static final double MARGIN = 0.15;
    /** The largest crop made (4096 x 4096 x 3 bytes: 50 MB). */
    public static final int MAX_SIZE = 4096;
    private static final String CASCADE =
            "/org/bytedeco/opencv/linux-x86_64/share/opencv4/haarcascades/haarcascade_frontalface_alt2.xml";
    private static CascadeClassifier classifier;

    private FaceCrop() {}

    /**
     * The crop box for a clip: the dataset's own crop when its frames are already cropped, else the largest
     * face found on {@code onset}, enlarged and squared; a centred square when no face is found.
     */
    public static CropBox boxFor(ClipSource clip, FrameImage onset) {
        if (clip.alreadyCropped()) {
            return CropBox.dataset(onset.width(), onset.height());
        }
        return detect(onset);
    }

    /**
     * The largest frontal face in {@code frame}, as a crop box; {@code source} "centre" when none is found.
     * Haar cascades look for light-and-dark patterns (brows and eyes against the cheeks), which are weaker
     * on darker skin and in dim light, so the frame is searched as it is, then with local contrast raised
     * (CLAHE), then brightened (gamma 0.5), then globally equalised; the first pass that finds a face wins.
     * (Measured on the synthetic faces: the plain pass misses about one in five of the darkest skin tones,
     * the later passes find most of those, and none of them finds a face in noise or flat frames.)
     */
    public static synchronized CropBox detect(FrameImage frame) {
        try (Mat rgb = toMat(frame); Mat grey = new Mat()) {
            cvtColor(rgb, grey, COLOR_RGB2GRAY);
            return detectGrey(grey, frame.width(), frame.height());
        }
    }

    /**
     * The same, on a frame's luma (what the spotter reads), looking only for faces {@code minFace} to {@code maxFace}
     * pixels wide (Haar's box, without the margin; 0 for no bound): a tracker that knows the face's size skips most
     * of the cascade's scales, the small ones being the costly ones.
     */
    public static synchronized CropBox detect(LumaImage frame, int minFace, int maxFace) {
        try (Mat grey = new Mat(frame.height(), frame.width(), opencv_core.CV_8UC1)) {
            grey.data().put(frame.luma());
            return detectGrey(grey, frame.width(), frame.height(), minFace, maxFace);
        }
    }

    private static CropBox detectGrey(Mat grey, int width, int height) {
        return detectGrey(grey, width, height, 0, 0);
    }

    private static CropBox detectGrey(Mat grey, int width, int height, int minFace, int maxFace) {
        try (Mat work = new Mat(); RectVector faces = new RectVector()) {
            int min = Math.max(Math.max(24, minFace), Math.min(width, height) / 6);
            int max = maxFace;
            Rect best = largest(grey, faces, min, max);
            if (best == null) {
                try (CLAHE clahe = createCLAHE(4.0, new Size(4, 4))) {
                    clahe.apply(grey, work);
                }
                best = largest(work, faces, min, max);
            }
            if (best == null) {
                gamma(grey, work, 0.5);
                best = largest(work, faces, min, max);
            }
            if (best == null) {
                equalizeHist(grey, work);
                best = largest(work, faces, min, max);
            }
            if (best == null) {
                return CropBox.centre(width, height);
            }
            return CropBox.around(best.x(), best.y(), best.width(), best.height(), MARGIN, width, height, "detected");
        }
    }

    /** out = 255 * (in / 255)^gamma: gamma below 1 lifts dark regions. */
    private static void gamma(Mat grey, Mat out, double gamma) {
        try (Mat lut = new Mat(1, 256, opencv_core.CV_8U)) {
            byte[] table = new byte[256];
            for (int v = 0; v < 256; v++) {
                table[v] = (byte) Math.round(255 * Math.pow(v / 255.0, gamma));
            }
            lut.data().put(table);
            opencv_core.LUT(grey, lut, out);
        }
    }

    private static Rect largest(Mat grey, RectVector faces, int min, int max) {
        try (Size least = new Size(min, min); Size most = max > min ? new Size(max, max) : new Size()) {
            cascade().detectMultiScale(grey, faces, 1.1, 3, 0, least, most);
        }
        Rect best = null;
        for (long k = 0; k < faces.size(); k++) {
            Rect r = faces.get(k);
            if (best == null || r.area() > best.area()) {
                best = r;
            }
        }
        return best;
    }

    /** {@code frame} cut to {@code box} and resized to {@code size} x {@code size}. */
    public static FrameImage crop(FrameImage frame, CropBox box, int size) {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("a crop of " + size + " x " + size + " pixels: the size must be 1 to " + MAX_SIZE);
        }
        if (!box.fitsIn(frame.width(), frame.height())) {
            throw new IllegalArgumentException("crop box " + box + " does not fit a " + frame.width() + " x " + frame.height() + " frame");
        }
        try (Mat rgb = toMat(frame); Rect rect = new Rect(box.x(), box.y(), box.size(), box.size());
             Mat roi = new Mat(rgb, rect); Mat out = new Mat()) {
            int interpolation = box.size() >= size ? INTER_AREA : INTER_LINEAR;
            resize(roi, out, new Size(size, size), 0, 0, interpolation);
            byte[] bytes = new byte[size * size * 3];
            out.data().get(bytes);
            return new FrameImage(size, size, bytes);
        }
    }

    private static Mat toMat(FrameImage frame) {
        Mat mat = new Mat(frame.height(), frame.width(), opencv_core.CV_8UC3);
        mat.data().put(frame.rgb());
        return mat;
    }

    private static CascadeClassifier cascade() {
        if (classifier == null) {
            try (InputStream in = FaceCrop.class.getResourceAsStream(CASCADE)) {
                if (in == null) {
                    throw new IllegalStateException("the OpenCV jar on the class path has no " + CASCADE);
                }
                Path file = Files.createTempFile("glimpse-haarcascade", ".xml");
                file.toFile().deleteOnExit();
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                CascadeClassifier c = new CascadeClassifier(file.toString());
                if (c.empty()) {
                    throw new IllegalStateException("OpenCV could not load the face cascade " + CASCADE);
                }
                classifier = c;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return classifier;
    }

}
