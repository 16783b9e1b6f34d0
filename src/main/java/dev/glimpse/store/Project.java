package dev.glimpse.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One project database (SQLite): the source of truth for annotations. Opening takes the project's lock
 * (one writer: a second window or process is refused), refuses a file written by a newer Glimpse or a
 * damaged one without touching it, then applies the numbered migrations. Every change is its own
 * transaction, committed before the call returns, in WAL mode with full synchronisation: killing the
 * program at any moment loses no committed edit, and a failed change leaves nothing half-written.
 */
public final class Project implements AutoCloseable {
    /** The migrations, in order; the database's {@code user_version} says how many are applied. */
    static final List<String> MIGRATIONS = List.of("V1__projects.sql", "V2__clip_opened.sql");
    public static final int VERSION = MIGRATIONS.size();
    private static final int SQLITE_FULL = 13; // "database or disk is full"

    private final Path file;
    private final Connection connection;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private Project(Path file, Connection connection, FileChannel lockChannel, FileLock lock) {
        this.file = file;
        this.connection = connection;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    public Path file() {
        return file;
    }

    /** Opens (or creates) the project database at {@code file}. */
    public static Project open(Path file) throws StoreException {
        Path abs = file.toAbsolutePath().normalize();
        FileChannel channel = null;
        FileLock lock = null;
        Connection c = null;
        try {
            Files.createDirectories(abs.getParent());
            channel = FileChannel.open(abs.resolveSibling(abs.getFileName() + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new StoreException(abs, "is open in another Glimpse window or process; close it there first");
            }
            boolean exists = Files.exists(abs) && Files.size(abs) > 0;
            c = DriverManager.getConnection("jdbc:sqlite:" + abs);
            if (exists) {
                check(abs, c); // before anything could write to it
            }
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA busy_timeout=2000");
            }
            migrate(abs, c);
            return new Project(abs, c, channel, lock);
        } catch (StoreException e) {
            closeQuietly(c, channel, lock);
            throw e;
        } catch (IOException | SQLException e) {
            closeQuietly(c, channel, lock);
            throw new StoreException(abs, "cannot be opened: " + e.getMessage(), e);
        }
    }

    /** A database of a newer Glimpse, another program's, or a damaged one: refused, the file untouched. */
    private static void check(Path file, Connection c) throws StoreException {
        try (Statement s = c.createStatement()) {
            int version;
            try (ResultSet r = s.executeQuery("PRAGMA user_version")) {
                version = r.getInt(1);
            }
            if (version > VERSION) {
                throw new StoreException(file, "was written by a newer Glimpse (database version " + version
                        + ", this version reads up to " + VERSION + "); it is left as it is");
            }
            try (ResultSet r = s.executeQuery("PRAGMA quick_check")) {
                String result = r.getString(1);
                if (!"ok".equalsIgnoreCase(result)) {
                    throw new StoreException(file, "is damaged (SQLite quick_check: " + result + "); it is left as it is");
                }
            }
            if (version == 0) {
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
                    if (r.getInt(1) > 0) {
                        throw new StoreException(file, "is an SQLite database, but not a Glimpse project; it is left as it is");
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException(file, "is not a Glimpse project database, or is damaged (" + e.getMessage()
                    + "); it is left as it is", e);
        }
    }

    private static void migrate(Path file, Connection c) throws SQLException, StoreException {
        int version;
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA user_version")) {
            version = r.getInt(1);
        }
        for (int k = version; k < MIGRATIONS.size(); k++) {
            String sql;
            try (InputStream in = Project.class.getResourceAsStream("/dev/glimpse/store/" + MIGRATIONS.get(k))) {
                sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException | NullPointerException e) {
                throw new StoreException(file, "migration " + MIGRATIONS.get(k) + " is missing from this build");
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String statement : sql.replaceAll("--[^\\n]*", "").split(";")) {
                    if (!statement.isBlank()) {
                        s.execute(statement);
                    }
                }
                s.execute("PRAGMA user_version = " + (k + 1));
                c.commit();
                c.setAutoCommit(true);
            } catch (SQLException e) {
                rollback(c, e);
                throw e;
            }
        }
    }

    /** Work done inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in a transaction: committed when it returns, rolled back when it fails. */
    synchronized <T> T inTransaction(Work<T> work) throws StoreException {
        try {
            connection.setAutoCommit(false);
            T result = work.run(connection);
            connection.commit();
            connection.setAutoCommit(true);
            return result;
        } catch (SQLException e) {
            rollback(connection, e);
            if ((e.getErrorCode() & 0xff) == SQLITE_FULL) {
                throw new StoreException(file, "the disk is full: the change was not saved and nothing was written;"
                        + " free some space and do it again (" + e.getMessage() + ")", e);
            }
            throw new StoreException(file, "the change was not saved, nothing was written (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            rollback(connection, e);
            throw e;
        }
    }

    /**
     * Undoes a failed transaction. SQLite has often rolled it back itself already (a full disk does that),
     * so the rollback and the return to auto-commit may fail in turn; that must not hide the first error.
     */
    private static void rollback(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
        try {
            c.setAutoCommit(true);
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    // ---- clips

    /** A clip the project knows. */
    public record StoredClip(long id, String path, long sizeBytes, String sha256, double fps, int frameCount, int width,
                             int height) {}

    public StoredClip addClip(String path, long sizeBytes, String sha256, double fps, int frameCount, int width,
                              int height) throws StoreException {
        return inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO clips(path, size_bytes, sha256, fps, frame_count,"
                    + " width, height, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                p.setString(1, path);
                p.setLong(2, sizeBytes);
                p.setString(3, sha256);
                p.setDouble(4, fps);
                p.setInt(5, frameCount);
                p.setInt(6, width);
                p.setInt(7, height);
                p.setString(8, Instant.now().toString());
                p.executeUpdate();
                return new StoredClip(generatedId(p), path, sizeBytes, sha256, fps, frameCount, width, height);
            }
        });
    }

    public List<StoredClip> clips() throws StoreException {
        return inTransaction(c -> {
            List<StoredClip> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT id, path, size_bytes, sha256, fps, frame_count, width, height FROM clips ORDER BY id")) {
                while (r.next()) {
                    out.add(new StoredClip(r.getLong(1), r.getString(2), r.getLong(3), r.getString(4), r.getDouble(5),
                            r.getInt(6), r.getInt(7), r.getInt(8)));
                }
            }
            return out;
        });
    }

    /** The clip with this content (for relinking a moved file), if the project has it. */
    public Optional<StoredClip> clipBySha256(String sha256) throws StoreException {
        return clips().stream().filter(k -> k.sha256().equalsIgnoreCase(sha256)).findFirst();
    }

    /** Records a clip's checksum, computed after it was added (an empty one means still to compute). */
    public void setClipSha256(long clipId, String sha256) throws StoreException {
        inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE clips SET sha256 = ? WHERE id = ?")) {
                p.setString(1, sha256);
                p.setLong(2, clipId);
                p.executeUpdate();
            }
            return null;
        });
    }

    /** Notes that the user opened this clip now (what {@link #lastOpenedClip()} returns next time). */
    public void markOpened(long clipId) throws StoreException {
        inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE clips SET opened_at = ? WHERE id = ?")) {
                p.setString(1, Instant.now().toString());
                p.setLong(2, clipId);
                p.executeUpdate();
            }
            return null;
        });
    }

    /** The clip opened most recently (else the one added last), or empty for a project with no clips. */
    public Optional<StoredClip> lastOpenedClip() throws StoreException {
        Optional<Long> id = inTransaction(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT id FROM clips ORDER BY opened_at IS NULL, opened_at DESC, id DESC LIMIT 1")) {
                return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
            }
        });
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return clips().stream().filter(k -> k.id() == id.get()).findFirst();
    }

    /** Points a clip at its new place (matched by checksum by the caller). */
    public void relink(long clipId, String newPath) throws StoreException {
        inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE clips SET path = ? WHERE id = ?")) {
                p.setString(1, newPath);
                p.setLong(2, clipId);
                if (p.executeUpdate() != 1) {
                    throw new SQLException("no clip " + clipId);
                }
            }
            return null;
        });
    }

    // ---- events

    /** One coded micro-expression. Frame numbers are the clip's own. */
    public record Event(long id, long clipId, int onset, int apex, int offset, String scheme, String label,
                        Double confidence, String notes, String annotator, List<ActionUnit> actionUnits) {
        public Event {
            if (!(onset < apex && apex <= offset)) {
                throw new IllegalArgumentException("an event needs onset < apex <= offset, got " + onset + ", " + apex
                        + ", " + offset);
            }
            actionUnits = List.copyOf(actionUnits);
            notes = notes == null ? "" : notes;
        }
    }

    /** A FACS action unit with an optional intensity A-E. */
    public record ActionUnit(String unit, String intensity) {}

    /** Adds an event (its id is ignored) and returns it with the id it got. */
    public Event addEvent(Event e) throws StoreException {
        return inTransaction(c -> {
            long annotator = annotatorId(c, e.annotator());
            try (PreparedStatement p = c.prepareStatement("INSERT INTO events(clip_id, onset, apex, offset, scheme, label,"
                    + " confidence, notes, annotator_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                bindEvent(p, e, annotator);
                p.setString(10, Instant.now().toString());
                p.setString(11, Instant.now().toString());
                p.executeUpdate();
                long id = generatedId(p);
                writeUnits(c, id, e.actionUnits());
                return new Event(id, e.clipId(), e.onset(), e.apex(), e.offset(), e.scheme(), e.label(), e.confidence(),
                        e.notes(), e.annotator(), e.actionUnits());
            }
        });
    }

    public void updateEvent(Event e) throws StoreException {
        inTransaction(c -> {
            long annotator = annotatorId(c, e.annotator());
            try (PreparedStatement p = c.prepareStatement("UPDATE events SET clip_id = ?, onset = ?, apex = ?, offset = ?,"
                    + " scheme = ?, label = ?, confidence = ?, notes = ?, annotator_id = ?, updated_at = ? WHERE id = ?")) {
                bindEvent(p, e, annotator);
                p.setString(10, Instant.now().toString());
                p.setLong(11, e.id());
                if (p.executeUpdate() != 1) {
                    throw new SQLException("no event " + e.id());
                }
            }
            try (PreparedStatement d = c.prepareStatement("DELETE FROM event_action_units WHERE event_id = ?")) {
                d.setLong(1, e.id());
                d.executeUpdate();
            }
            writeUnits(c, e.id(), e.actionUnits());
            return null;
        });
    }

    public void deleteEvent(long id) throws StoreException {
        inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM events WHERE id = ?")) {
                p.setLong(1, id);
                p.executeUpdate();
            }
            return null;
        });
    }

    /** A clip's events in time order. */
    public List<Event> events(long clipId) throws StoreException {
        return inTransaction(c -> {
            List<Event> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT e.id, e.clip_id, e.onset, e.apex, e.offset, e.scheme,"
                    + " e.label, e.confidence, e.notes, a.name FROM events e LEFT JOIN annotators a ON a.id = e.annotator_id"
                    + " WHERE e.clip_id = ? ORDER BY e.onset, e.id")) {
                p.setLong(1, clipId);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        double conf = r.getDouble(8);
                        Double confidence = r.wasNull() ? null : conf;
                        out.add(new Event(r.getLong(1), r.getLong(2), r.getInt(3), r.getInt(4), r.getInt(5), r.getString(6),
                                r.getString(7), confidence, r.getString(9), r.getString(10), units(c, r.getLong(1))));
                    }
                }
            }
            return out;
        });
    }

    private static void bindEvent(PreparedStatement p, Event e, long annotator) throws SQLException {
        p.setLong(1, e.clipId());
        p.setInt(2, e.onset());
        p.setInt(3, e.apex());
        p.setInt(4, e.offset());
        p.setString(5, e.scheme());
        p.setString(6, e.label());
        if (e.confidence() == null) {
            p.setNull(7, java.sql.Types.REAL);
        } else {
            p.setDouble(7, e.confidence());
        }
        p.setString(8, e.notes());
        if (annotator < 0) {
            p.setNull(9, java.sql.Types.INTEGER);
        } else {
            p.setLong(9, annotator);
        }
    }

    private static long annotatorId(Connection c, String name) throws SQLException {
        if (name == null || name.isBlank()) {
            return -1;
        }
        try (PreparedStatement p = c.prepareStatement("INSERT OR IGNORE INTO annotators(name) VALUES (?)")) {
            p.setString(1, name.trim());
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM annotators WHERE name = ?")) {
            p.setString(1, name.trim());
            try (ResultSet r = p.executeQuery()) {
                return r.getLong(1);
            }
        }
    }

    private static void writeUnits(Connection c, long eventId, List<ActionUnit> units) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO event_action_units(event_id, unit, intensity) VALUES (?, ?, ?)")) {
            for (ActionUnit u : units) {
                p.setLong(1, eventId);
                p.setString(2, u.unit());
                p.setString(3, u.intensity());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    private static List<ActionUnit> units(Connection c, long eventId) throws SQLException {
        List<ActionUnit> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT unit, intensity FROM event_action_units WHERE event_id = ? ORDER BY unit")) {
            p.setLong(1, eventId);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new ActionUnit(r.getString(1), r.getString(2)));
                }
            }
        }
        return out;
    }

    // ---- analyses

    /** An analysis as stored: enough to show it again, tied to the weights that made it. */
    public record StoredAnalysis(long id, long eventId, String weightsSha256, String weightsName, boolean trained,
                                 String preset, String device, long millis, List<String> classes,
                                 List<Double> probabilities, String predicted, String createdAt) {
        public StoredAnalysis {
            classes = List.copyOf(classes);
            probabilities = List.copyOf(probabilities);
        }
    }

    public StoredAnalysis saveAnalysis(StoredAnalysis a) throws StoreException {
        return inTransaction(c -> {
            String created = Instant.now().toString();
            try (PreparedStatement p = c.prepareStatement("INSERT INTO analyses(event_id, weights_sha256, weights_name,"
                    + " trained, preset, device, millis, classes, probabilities, predicted, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                p.setLong(1, a.eventId());
                p.setString(2, a.weightsSha256());
                p.setString(3, a.weightsName());
                p.setInt(4, a.trained() ? 1 : 0);
                p.setString(5, a.preset());
                p.setString(6, a.device());
                p.setLong(7, a.millis());
                p.setString(8, String.join("\t", a.classes()));
                p.setString(9, String.join("\t", a.probabilities().stream().map(d -> Double.toString(d)).toList()));
                p.setString(10, a.predicted());
                p.setString(11, created);
                p.executeUpdate();
                return new StoredAnalysis(generatedId(p), a.eventId(), a.weightsSha256(), a.weightsName(), a.trained(),
                        a.preset(), a.device(), a.millis(), a.classes(), a.probabilities(), a.predicted(), created);
            }
        });
    }

    /** The most recent analysis of an event, if any. */
    public Optional<StoredAnalysis> latestAnalysis(long eventId) throws StoreException {
        return inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id, event_id, weights_sha256, weights_name, trained,"
                    + " preset, device, millis, classes, probabilities, predicted, created_at FROM analyses"
                    + " WHERE event_id = ? ORDER BY id DESC LIMIT 1")) {
                p.setLong(1, eventId);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        return Optional.<StoredAnalysis>empty();
                    }
                    List<Double> probabilities = new ArrayList<>();
                    for (String v : r.getString(10).split("\t")) {
                        probabilities.add(Double.parseDouble(v));
                    }
                    return Optional.of(new StoredAnalysis(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4),
                            r.getInt(5) == 1, r.getString(6), r.getString(7), r.getLong(8), List.of(r.getString(9).split("\t")),
                            probabilities, r.getString(11), r.getString(12)));
                }
            }
        });
    }

    private static long generatedId(PreparedStatement p) throws SQLException {
        try (ResultSet keys = p.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("no id was generated");
            }
            return keys.getLong(1);
        }
    }

    @Override
    public synchronized void close() throws StoreException {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException(file, "could not be closed cleanly: " + e.getMessage(), e);
        } finally {
            closeQuietly(null, lockChannel, lock);
        }
    }

    private static void closeQuietly(Connection c, FileChannel channel, FileLock lock) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (SQLException ignored) {
            // closing after a failure: the first error is the one to report
        }
        try {
            if (lock != null) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // as above
        }
    }
}
