package dev.glimpse.annotation;

/**
 * A clip a project knows: where it is, what it holds (its checksum relinks it when it moves), and its frames.
 *
 * @param sha256 the SHA-256 of the video file (or of a frame folder's names and sizes); empty while still to compute
 */
public record Clip(long id, String path, long sizeBytes, String sha256, double fps, int frameCount, int width,
                   int height) {}
