package dev.glimpse.clip;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Frame indexes kept on disk so that a video opens instantly the second time. One small file per video,
 * named by a hash of its absolute path, size, modification time and the content at both ends: a changed file
 * gets a new index.
 */
public final class FrameIndexCache {
    /** Bytes at each end of a video that go into its cache key. */
    private static final int FINGERPRINT_BYTES = 1 << 20;
    private final Path dir;

    public FrameIndexCache(Path dir) {
        this.dir = dir;
    }

    /** {@code glimpse.data} if set, else {@code $XDG_DATA_HOME/glimpse}, else {@code ~/.local/share/glimpse}; then {@code frame-index/}. */
    public static FrameIndexCache standard() {
        return new FrameIndexCache(dataDirectory().resolve("frame-index"));
    }

    /** Where Glimpse keeps the user's data (projects, caches). */
    public static Path dataDirectory() {
        String configured = System.getProperty("glimpse.data");
        if (configured != null) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("glimpse");
    }

    public Path directory() {
        return dir;
    }

    Optional<FrameIndex> load(Path video) {
        Path file;
        try {
            file = fileFor(video);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(Files.newInputStream(file))))) {
            return Optional.of(FrameIndex.read(in));
        } catch (IOException e) {
            return Optional.empty(); // a damaged cache is rebuilt, never trusted
        }
    }

    void store(Path video, FrameIndex index) {
        try {
            Files.createDirectories(dir);
            Path file = fileFor(video);
            Path tmp = Files.createTempFile(dir, "index", ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(Files.newOutputStream(tmp))))) {
                index.write(out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // the cache only saves time: a video still opens without it
        }
    }

    /**
     * The cache file of a video: a hash of its path, size, modification time (to the nanosecond where the file
     * system keeps it) and its first and last megabyte, so that another file copied over this one with the same
     * size and time (a copy that keeps times, a camera's numbering starting again) does not get its index.
     */
    Path fileFor(Path video) throws IOException {
        Path abs = video.toAbsolutePath().normalize();
        long size = Files.size(abs);
        String key = abs + "|" + size + "|" + Files.getLastModifiedTime(abs).to(TimeUnit.NANOSECONDS);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(key.getBytes(StandardCharsets.UTF_8));
            try (FileChannel in = FileChannel.open(abs, StandardOpenOption.READ)) {
                ByteBuffer buf = ByteBuffer.allocate((int) Math.min(FINGERPRINT_BYTES, size));
                for (long from : new long[] {0, Math.max(0, size - FINGERPRINT_BYTES)}) {
                    buf.clear();
                    while (buf.hasRemaining() && in.read(buf, from + buf.position()) > 0) {
                        // read until the buffer is full or the file ends
                    }
                    buf.flip();
                    sha.update(buf);
                }
            }
            return dir.resolve(HexFormat.of().formatHex(sha.digest(), 0, 16) + ".idx");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
