package dev.glimpse.store;

import dev.glimpse.io.FilePaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * The writer's lock: one byte of the database file itself, far beyond the bytes SQLite locks (at 1 GiB),
     * taken with fcntl, which locks the file (its inode) whatever name it was opened by: a second writer
     * through a symlink or a hard link is refused as surely as through the same name. A reader takes the same
     * byte shared, for as long as it reads. POSIX drops all of a process's locks on a file when the process
     * closes any descriptor of it, so within this process {@link #HELD} says which files are held, and a file
     * held is refused before a second descriptor of it is ever opened.
     */
    private static final long LOCK_POSITION = Long.MAX_VALUE - 1;
    /** Files held in this process, by inode (their {@code fileKey}), with the channel that holds the lock byte. */
    private static final Map<Object, Held> HELD = new HashMap<>();

    /** One file's lock in this process: the writer's (users -1), or shared by {@code users} readers. */
    private static final class Held {
        final FileChannel channel;
        final FileLock lock;
        int users;

        Held(FileChannel channel, FileLock lock, int users) {
            this.channel = channel;
            this.lock = lock;
            this.users = users;
        }
    }
    /** The tables every Glimpse project has from version 1 on: a foreign file with a user_version lacks them. */
    private static final List<String> TABLES = List.of("clips", "annotators", "events", "event_action_units", "analyses");

    private final Path file;
    private final Connection connection;
    private final Object key; // in HELD, or null (a reader while a writer works elsewhere)
    private final boolean readOnly;
    private boolean closed;

    private Project(Path file, Connection connection, Object key, boolean readOnly) {
        this.file = file;
        this.connection = connection;
        this.key = key;
        this.readOnly = readOnly;
    }

    public Path file() {
        return file;
    }

    /** Whether this project was opened for reading only ({@link #openReadOnly}). */
    public boolean readOnly() {
        return readOnly;
    }

    /** Opens (or creates) the project database at {@code file} for reading and writing. */
    public static Project open(Path file) throws StoreException {
        Path abs = file.toAbsolutePath().normalize();
        Connection c = null;
        Object key = null;
        try {
            if (Files.isDirectory(abs)) {
                throw new StoreException(abs, "is a folder, not a project file");
            }
            Files.createDirectories(abs.getParent());
            synchronized (HELD) {
                if (Files.exists(abs) && HELD.containsKey(fileKey(abs))) {
                    throw new StoreException(abs, "is open in another Glimpse window or process; close it there first");
                }
                // the file itself (created empty when new: SQLite makes a database of an empty file)
                FileChannel channel = FileChannel.open(abs, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock(LOCK_POSITION, 1, false);
                if (lock == null) { // held by another process; this one holds no lock on it, so closing drops none
                    channel.close();
                    throw new StoreException(abs, "is open in another Glimpse window or process; close it there first");
                }
                key = fileKey(abs);
                HELD.put(key, new Held(channel, lock, -1));
            }
            boolean exists = Files.size(abs) > 0;
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
            return new Project(abs, c, key, false);
        } catch (StoreException e) {
            release(c, key);
            throw e;
        } catch (IOException | SQLException e) {
            release(c, key);
            throw new StoreException(abs, "cannot be opened: " + e.getMessage(), e);
        }
    }

    /**
     * Opens an existing project for reading only (the command line's reading commands): a missing file is
     * refused, and nothing is created or changed (no migration, no journal mode, no lock file). While no Glimpse
     * has the project open for writing, the reader holds the lock byte shared, so none can start, and reads the
     * file as immutable: SQLite then needs no journal files, which also makes a project in a folder nobody can
     * write to readable. While a Glimpse writes to it elsewhere, it is read through SQLite's WAL like any reader.
     * A project of an older version is copied into memory and migrated there, never in the file.
     */
    public static Project openReadOnly(Path file) throws StoreException {
        Path abs = file.toAbsolutePath().normalize();
        if (!Files.exists(abs)) {
            throw new StoreException(abs, FilePaths.missing(abs));
        }
        if (!Files.isRegularFile(abs)) {
            throw new StoreException(abs, "is not a project file");
        }
        Connection c = null;
        Object key = null;
        try {
            if (Files.size(abs) == 0) {
                throw new StoreException(abs, "is empty: not a Glimpse project");
            }
            synchronized (HELD) {
                Object k = fileKey(abs);
                Held held = HELD.get(k);
                if (held != null && held.users < 0) {
                    throw new StoreException(abs, "is open for writing in this program; read it there");
                }
                if (held != null) { // another reader here holds the shared lock already
                    held.users++;
                    key = k;
                } else {
                    FileChannel channel = FileChannel.open(abs, StandardOpenOption.READ);
                    FileLock lock = channel.tryLock(LOCK_POSITION, 1, true);
                    if (lock == null) { // a writer elsewhere; this process holds no lock on it, closing drops none
                        channel.close();
                    } else {
                        HELD.put(k, new Held(channel, lock, 1));
                        key = k;
                    }
                }
            }
            boolean writerElsewhere = key == null;
            org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
            config.setReadOnly(true);
            c = config.createConnection("jdbc:sqlite:" + abs.toUri() + (writerElsewhere ? "?mode=ro" : "?immutable=1"));
            check(abs, c);
            if (userVersion(c) < VERSION) { // migrate a copy in memory, never the file
                Connection memory = DriverManager.getConnection("jdbc:sqlite::memory:");
                try (Statement s = memory.createStatement()) {
                    s.executeUpdate("restore from " + quoted(abs));
                }
                c.close();
                c = memory;
                migrate(abs, c);
            }
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout=2000");
                s.execute("PRAGMA query_only=ON"); // a write is refused, in memory too, never lost silently
            }
            return new Project(abs, c, key, true);
        } catch (StoreException e) {
            release(c, key);
            throw e;
        } catch (IOException | SQLException e) {
            release(c, key);
            throw new StoreException(abs, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** The file's identity (device and inode on Linux), the same by every name of it. */
    private static Object fileKey(Path file) throws IOException {
        Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        return key != null ? key : file.toRealPath();
    }

    /** A file name as sqlite-jdbc's {@code restore from} takes it (double quotes, doubled inside). */
    private static String quoted(Path file) {
        return "\"" + file.toString().replace("\"", "\"\"") + "\"";
    }

    private static int userVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA user_version")) {
            return r.getInt(1);
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
            List<String> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            // version 0 is a new file (no tables); any other must have Glimpse's tables
            if (version == 0 ? !tables.isEmpty() : !tables.containsAll(TABLES)) {
                throw new StoreException(file, "is an SQLite database, but not a Glimpse project; it is left as it is");
            }
        } catch (SQLException e) {
            throw new StoreException(file, "is not a Glimpse project database, or is damaged (" + e.getMessage()
                    + "); it is left as it is", e);
        }
    }

    private static void migrate(Path file, Connection c) throws SQLException, StoreException {
        int version = userVersion(c);
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
        if (closed) {
            return;
        }
        closed = true;
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException(file, "could not be closed cleanly: " + e.getMessage(), e);
        } finally {
            release(null, key);
        }
    }

    /** Closes SQLite's connection, then (the last user here) the lock: in that order, as POSIX wants. */
    private static void release(Connection c, Object key) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (SQLException ignored) {
            // closing after a failure: the first error is the one to report
        }
        if (key == null) {
            return;
        }
        synchronized (HELD) {
            Held held = HELD.get(key);
            if (held == null || (held.users > 1 && --held.users > 0)) {
                return;
            }
            HELD.remove(key);
            try {
                held.lock.release();
                held.channel.close();
            } catch (IOException ignored) {
                // as above
            }
        }
    }
}
