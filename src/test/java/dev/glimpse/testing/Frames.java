package dev.glimpse.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/** Real image files on disk for tests: numbered frames of a textured scene with a moving patch. */
public final class Frames {
    private Frames() {}

    /**
     * Writes frames {@code first..last} as {@code prefix + number + "." + format} into {@code dir}: a seeded
     * noise texture with a bright bar that moves one pixel per frame, so consecutive frames differ.
     */
    public static Path write(Path dir, String prefix, String format, int first, int last, int width, int height, long seed)
            throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(seed);
        int[] texture = new int[width * height];
        for (int k = 0; k < texture.length; k++) {
            texture[k] = random.nextInt(0x1000000);
        }
        for (int n = first; n <= last; n++) {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            image.setRGB(0, 0, width, height, texture, 0, width);
            Graphics2D g = image.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(width / 4 + (n - first), height / 3, width / 5, height / 10);
            g.dispose();
            ImageIO.write(image, format, dir.resolve(prefix + n + "." + format).toFile());
        }
        return dir;
    }
}
