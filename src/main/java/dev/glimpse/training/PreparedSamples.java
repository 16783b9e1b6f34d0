package dev.glimpse.training;

import dev.glimpse.clip.ClipSource;
import dev.glimpse.clip.ClipSources;
import dev.glimpse.clip.CropBox;
import dev.glimpse.clip.PreparedClip;
import dev.glimpse.dataset.Sample;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * Every sample's L frames, decoded, cropped and resized once, then kept in memory and in a compact
 * on-disk cache (deflated 8-bit pixels, one file a clip), so that later epochs and later runs decode no video.
 */
public final class PreparedSamples {
    private static final int FORMAT = 1;
    private final Path cacheDir;
    private final int frames;
    private final int size;
    private final Map<Sample, PreparedClip> memory = new HashMap<>();

    /** @param cacheDir where prepared clips are kept between runs, or null for memory only */
    public PreparedSamples(Path cacheDir, int frames, int size) {
        this.cacheDir = cacheDir;
        this.frames = frames;
        this.size = size;
    }

    public synchronized PreparedClip get(Sample s) throws IOException {
        PreparedClip clip = memory.get(s);
        if (clip != null) {
            return clip;
        }
        Path file = cacheDir == null ? null : cacheDir.resolve(key(s) + ".clip");
        if (file != null && Files.isRegularFile(file)) {
            clip = read(file);
        }
        if (clip == null) {
            try (ClipSource source = ClipSources.open(s.clip(), s.fps(), s.cropped())) {
                clip = PreparedClip.prepare(source, s.onset(), s.apex(), s.offset(), null, frames, size, null);
            } catch (IOException | IllegalArgumentException e) {
                throw new IOException(s.clip() + " (" + s.database() + " row " + s.row() + "): " + e.getMessage(), e);
            }
            if (file != null) {
                write(file, clip);
            }
        }
        memory.put(s, clip);
        return clip;
    }

    private String key(Sample s) {
        String text = FORMAT + "|" + s.clip().toAbsolutePath().normalize() + "|" + s.onset() + "|" + s.apex() + "|"
                + s.offset() + "|" + s.cropped() + "|" + frames + "|" + size;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void write(Path file, PreparedClip c) throws IOException {
        Files.createDirectories(file.getParent());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes))) {
            out.writeInt(FORMAT);
            out.writeInt(c.length());
            out.writeInt(c.size());
            out.writeInt(c.apexPosition());
            out.writeBoolean(c.apexSubstituted());
            out.writeInt(c.box().x());
            out.writeInt(c.box().y());
            out.writeInt(c.box().size());
            out.writeUTF(c.box().source());
            for (int k = 0; k < c.length(); k++) {
                out.writeInt(c.indices()[k]);
                out.writeInt(c.frameNumbers()[k]);
            }
            out.write(c.pixels());
        }
        Path tmp = Files.createTempFile(file.getParent(), "clip", ".tmp");
        Files.write(tmp, bytes.toByteArray());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private PreparedClip read(Path file) {
        try (DataInputStream in = new DataInputStream(new InflaterInputStream(
                new ByteArrayInputStream(Files.readAllBytes(file))))) {
            if (in.readInt() != FORMAT || in.readInt() != frames || in.readInt() != size) {
                return null;
            }
            int apex = in.readInt();
            boolean substituted = in.readBoolean();
            CropBox box = new CropBox(in.readInt(), in.readInt(), in.readInt(), in.readUTF());
            int[] indices = new int[frames];
            int[] numbers = new int[frames];
            for (int k = 0; k < frames; k++) {
                indices[k] = in.readInt();
                numbers[k] = in.readInt();
            }
            byte[] pixels = new byte[frames * size * size * 3];
            in.readFully(pixels);
            return new PreparedClip(indices, numbers, apex, substituted, box, size, pixels);
        } catch (IOException | RuntimeException e) {
            return null; // a damaged cache entry is prepared again, never trusted
        }
    }
}
