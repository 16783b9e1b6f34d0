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
    static final List<String> MIGRATIONS = List.of("V1__projects.sql", "V2__clip_opened.sql", "V3__analyses_as_json", "V4__analysis_trust.sql",
            "V5__proposals.sql", "V6__settings.sql",
            "V7__analysis_attention.sql", "V8__spotting_signal.sql");
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
    private final ClipRepository clips = new ClipRepository(this);
    private final EventRepository events = new EventRepository(this);
    private final AnalysisRepository analyses = new AnalysisRepository(this);
    private final ProposalRepository proposals = new ProposalRepository(this);
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
            String name = MIGRATIONS.get(k);
            String sql = "";
            if (name.endsWith(".sql")) {
                try (InputStream in = Project.class.getResourceAsStream("/dev/glimpse/store/" + name)) {
                    sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException | NullPointerException e) {
                    throw new StoreException(file, "migration " + name + " is missing from this build");
                }
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String statement : sql.replaceAll("--[^\\n]*", "").split(";")) {
                    if (!statement.isBlank()) {
                        s.execute(statement);
                    }
                }
                if (name.equals("V3__analyses_as_json")) {
                    Migrations.analysesAsJson(c);
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

    /** The clips of this project. */
    public ClipRepository clips() {
        return clips;
    }

    /** The coded events of this project's clips. */
    public EventRepository events() {
        return events;
    }

    /** ATM-GCN's saved readings of the events. */
    public AnalysisRepository analyses() {
        return analyses;
    }

    /** What the spotter proposed on each clip, and what became of it. */
    public ProposalRepository proposals() {
        return proposals;
    }

    /** A setting of this project (e.g. {@code blind}), or null when it was never set. */
    public String setting(String name) throws StoreException {
        return inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT value FROM settings WHERE name = ?")) {
                p.setString(1, name);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? r.getString(1) : null;
                }
            }
        });
    }

    public void putSetting(String name, String value) throws StoreException {
        inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO settings(name, value) VALUES (?, ?)"
                    + " ON CONFLICT(name) DO UPDATE SET value = excluded.value")) {
                p.setString(1, name);
                p.setString(2, value);
                p.executeUpdate();
            }
            return null;
        });
    }

    static long generatedId(PreparedStatement p) throws SQLException {
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
