package dev.glimpse.store;

import dev.glimpse.annotation.Clip;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code clips} table as {@link Clip} records. */
public final class ClipRepository {
    private final Project project;

    ClipRepository(Project project) {
        this.project = project;
    }

    public Clip add(String path, long sizeBytes, String sha256, double fps, int frameCount, int width, int height)
            throws StoreException {
        return project.inTransaction(c -> insert(c, new Clip(0, path, sizeBytes, sha256, fps, frameCount, width, height)));
    }

    /** Inserts the clip (its id is ignored) inside a transaction already open; returns it with its id. */
    static Clip insert(Connection c, Clip k) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO clips(path, size_bytes, sha256, fps, frame_count,"
                + " width, height, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            p.setString(1, k.path());
            p.setLong(2, k.sizeBytes());
            p.setString(3, k.sha256());
            p.setDouble(4, k.fps());
            p.setInt(5, k.frameCount());
            p.setInt(6, k.width());
            p.setInt(7, k.height());
            p.setString(8, Instant.now().toString());
            p.executeUpdate();
            return new Clip(Project.generatedId(p), k.path(), k.sizeBytes(), k.sha256(), k.fps(), k.frameCount(),
                    k.width(), k.height());
        }
    }

    /** Every clip, in the order they were added. */
    public List<Clip> all() throws StoreException {
        return project.inTransaction(c -> {
            List<Clip> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT id, path, size_bytes, sha256, fps, frame_count, width, height FROM clips ORDER BY id")) {
                while (r.next()) {
                    out.add(new Clip(r.getLong(1), r.getString(2), r.getLong(3), r.getString(4), r.getDouble(5),
                            r.getInt(6), r.getInt(7), r.getInt(8)));
                }
            }
            return out;
        });
    }

    public Optional<Clip> byId(long id) throws StoreException {
        return all().stream().filter(k -> k.id() == id).findFirst();
    }

    /** The clip with this content (for relinking a moved file), if the project has it. */
    public Optional<Clip> bySha256(String sha256) throws StoreException {
        return all().stream().filter(k -> k.sha256().equalsIgnoreCase(sha256)).findFirst();
    }

    /** Records a clip's checksum, computed after it was added (an empty one means still to compute). */
    public void setSha256(long clipId, String sha256) throws StoreException {
        update("UPDATE clips SET sha256 = ? WHERE id = ?", sha256, clipId);
    }

    /** Notes that the user opened this clip now (what {@link #lastOpened()} returns next time). */
    public void markOpened(long clipId) throws StoreException {
        update("UPDATE clips SET opened_at = ? WHERE id = ?", Instant.now().toString(), clipId);
    }

    /** Points a clip at its new place (matched by checksum by the caller). */
    public void relink(long clipId, String newPath) throws StoreException {
        update("UPDATE clips SET path = ? WHERE id = ?", newPath, clipId);
    }

    /** The clip opened most recently (else the one added last), or empty for a project with no clips. */
    public Optional<Clip> lastOpened() throws StoreException {
        Optional<Long> id = project.inTransaction(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT id FROM clips ORDER BY opened_at IS NULL, opened_at DESC, id DESC LIMIT 1")) {
                return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
            }
        });
        return id.isEmpty() ? Optional.empty() : byId(id.get());
    }

    private void update(String sql, String value, long clipId) throws StoreException {
        project.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setString(1, value);
                p.setLong(2, clipId);
                if (p.executeUpdate() != 1) {
                    throw new SQLException("no clip " + clipId);
                }
            }
            return null;
        });
    }
}
