package dev.glimpse.session;

import dev.glimpse.agreement.Agreement;
import dev.glimpse.annotation.Clip;
import dev.glimpse.clip.ClipSource;
import dev.glimpse.clip.ClipSources;
import dev.glimpse.store.EventExchange;
import dev.glimpse.store.Project;
import dev.glimpse.store.ProjectMerge;
import dev.glimpse.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open project and the use cases the window and the command line share on it: open it and find its last
 * clip (relinking a moved clip by its checksum, after asking), open a clip into it (found by path, by checksum
 * when it moved, else added; its checksum computed in the background), code a clip's events, exchange events
 * with CSV and coding sheets. No JavaFX: everything here is tested without a window.
 */
public final class ProjectSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectSession.class);
    private final Project project;
    private final ExecutorService checksums = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "glimpse-checksum");
        t.setDaemon(true);
        return t;
    });

    /** What the session asks the person when the project's last clip is not where it was. */
    public interface Relinking {
        /** Where the clip is now, or empty not to open it (the person declined, or found nothing). */
        Optional<Path> locate(Clip moved);

        /** Tells the person why the file they chose was not taken. */
        void refused(String header, String text);
    }

    /** A clip opened into the project: its frames and its row. */
    public record OpenedClip(ClipSource source, Clip clip, Path path) {}

    private ProjectSession(Project project) {
        this.project = project;
    }

    /** Opens (or creates) the project at {@code file}, for writing. */
    public static ProjectSession open(Path file) throws StoreException {
        return new ProjectSession(Project.open(file));
    }

    public Path file() {
        return project.file();
    }

    /** Whether {@code other} names this project's file (by any name: a link, another spelling). */
    public boolean isFile(Path other) {
        try {
            return project.file().equals(other.toAbsolutePath().normalize())
                    || (Files.exists(other) && Files.isSameFile(project.file(), other));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The clip the project had open last, where it is now: its own path, or, when it has moved, the place the
     * person points at, relinked only if its checksum is the project's. Empty when there is none to open.
     */
    public Optional<Path> lastClip(Relinking ask) throws Exception {
        Optional<Clip> last = project.clips().lastOpened();
        if (last.isEmpty()) {
            return Optional.empty();
        }
        Clip c = last.get();
        Path path = Path.of(c.path());
        if (Files.exists(path)) {
            return Optional.of(path);
        }
        Optional<Path> found = ask.locate(c);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (c.sha256().isEmpty()) {
            ask.refused("Cannot check the clip", "The project has no checksum for " + c.path() + " (it was closed"
                    + " before the checksum was computed), so it cannot tell whether " + found.get()
                    + " is the same clip; open it with File > Open video to add it.");
            return Optional.empty();
        }
        String sha = sha256(found.get());
        if (!sha.equalsIgnoreCase(c.sha256())) {
            ask.refused("Not the same clip", found.get() + " is not the clip the project knows as " + c.path()
                    + " (its checksum differs), so the project was not relinked to it.");
            return Optional.empty();
        }
        project.clips().relink(c.id(), found.get().toAbsolutePath().toString());
        return found;
    }

    /**
     * Opens {@code path} and records it in the project as the clip opened last: the project's row for it, found
     * by path, or by checksum if the file moved (hashing only when a clip of the same size has gone missing),
     * else a new row whose checksum is computed in the background. The caller closes the source.
     */
    public OpenedClip openClip(Path path) throws Exception {
        ClipSource source = ClipSources.open(path);
        try {
            Clip clip = register(source);
            project.clips().markOpened(clip.id());
            if (clip.sha256().isEmpty()) {
                completeChecksum(clip.id(), path);
            }
            return new OpenedClip(source, clip, path);
        } catch (Exception | Error e) {
            source.close();
            throw e;
        }
    }

    private Clip register(ClipSource source) throws Exception {
        String path = source.path().toAbsolutePath().toString();
        List<Clip> known = project.clips().all();
        for (Clip c : known) {
            if (c.path().equals(path)) {
                return c;
            }
        }
        long size = Files.isRegularFile(source.path()) ? Files.size(source.path()) : 0;
        String sha = "";
        if (known.stream().anyMatch(c -> c.sizeBytes() == size && !Files.exists(Path.of(c.path())))) {
            sha = sha256(source.path());
            for (Clip c : known) {
                if (c.sha256().equalsIgnoreCase(sha)) {
                    project.clips().relink(c.id(), path);
                    return project.clips().byId(c.id()).orElseThrow();
                }
            }
        }
        return project.clips().add(path, size, sha, source.fps(), source.frameCount(), source.width(), source.height());
    }

    /** Computes a newly added clip's checksum in the background (it is what relinks the clip if it moves). */
    private Future<?> completeChecksum(long clipId, Path path) {
        return checksums.submit(() -> {
            try {
                project.clips().setSha256(clipId, sha256(path));
            } catch (Exception e) {
                // the project was closed meanwhile, or the file went: computed again next time it opens
                LOG.warn("checksum of {} not recorded: {}", path, e.getMessage());
            }
        });
    }

    /** Waits for the checksums under way (tests, and closing). */
    public void awaitChecksums() throws Exception {
        checksums.submit(() -> { }).get();
    }

    /** Coding the events of {@code clip} as {@code coder}. */
    public Coding coding(Clip clip, String coder) throws IOException {
        return new Coding(project, clip.id(), coder);
    }

    /** Spotting expressions in {@code clip}, its proposals kept in the project. */
    public Spotting spotting(Clip clip, Path clipPath) {
        return new Spotting(project, clip.id(), clipPath);
    }

    /** Analysing events of {@code clip} with the window's engine, saving each analysis with its event. */
    public Analysing analysing(Path clipPath, AnalysisEngine engine) {
        return new Analysing(project, clipPath, engine);
    }

    /** What an import did: the clip (added or found), the events added and already there, the rows skipped and why. */
    public record Imported(Clip clip, int added, int alreadyHere, List<String> skipped) {}

    /**
     * Imports one clip's events from a CSV (the export layout) or an XLSX coding sheet, for {@code annotator} where a
     * row names no coder. The clip is found by path or by checksum, or added; the clip and the events go in in one
     * transaction, and importing the same file twice adds nothing the second time.
     */
    public Imported importEvents(Path file, Path clipPath, String annotator) throws Exception {
        EventExchange.Rows rows;
        Clip clip;
        try (ClipSource source = ClipSources.open(clipPath)) {
            rows = EventExchange.read(file, source.path().getFileName().toString(), source.firstFrame(),
                    source.lastFrame(), annotator);
            clip = known(source);
        }
        EventExchange.Added added = EventExchange.add(project, clip, rows.events());
        return new Imported(added.clip(), added.added(), added.alreadyHere(), rows.skipped());
    }

    /**
     * Imports one clip's events from an ELAN file: the tiers named (all top-level ones when none), coded by
     * {@code annotator} or, when null, by each tier's name; times become frames through the clip's own timestamps.
     */
    public Imported importEaf(Path file, Path clipPath, List<String> tiers, String annotator) throws Exception {
        dev.glimpse.elan.Eaf.Read read;
        Clip clip;
        try (ClipSource source = ClipSources.open(clipPath)) {
            read = dev.glimpse.elan.Eaf.read(file, timing(source), tiers, annotator);
            clip = known(source);
        }
        EventExchange.Added added = EventExchange.add(project, clip, read.events());
        return new Imported(added.clip(), added.added(), added.alreadyHere(), read.skipped());
    }

    /**
     * Writes the events of one clip of {@code project} (its path or file name; null for the only or last opened clip)
     * as an ELAN file, times from the clip's own frame timestamps. Returns how many.
     */
    public static int exportEaf(Project project, String clip, Path out) throws Exception {
        Clip chosen = Reporting.choose(project, clip);
        try (ClipSource source = ClipSources.open(Path.of(chosen.path()))) {
            return dev.glimpse.elan.Eaf.write(project.events().of(chosen.id()), timing(source), out);
        } catch (dev.glimpse.clip.ClipException e) {
            throw new StoreException(Path.of(chosen.path()), "cannot be read for its frame times, which the ELAN file's"
                    + " time slots are made of (" + e.getMessage() + "); relink the clip in the window first");
        }
    }

    /** The same for the clip at {@code clipPath} of this project. */
    public int exportEaf(Path clipPath, Path out) throws Exception {
        return exportEaf(project, clipPath.toAbsolutePath().toString(), out);
    }

    /** The clip's frame times in milliseconds, and its frame numbers. */
    static dev.glimpse.elan.Eaf.Timing timing(ClipSource source) {
        int n = source.frameCount();
        long[] start = new long[n];
        int[] numbers = new int[n];
        for (int i = 0; i < n; i++) {
            start[i] = Math.round(source.timestampSeconds(i) * 1000);
            numbers[i] = source.frameNumber(i);
        }
        long end = n == 0 ? 0 : Math.max(start[n - 1] + 1, start[n - 1] + Math.round(1000 / source.fps()));
        String name = source.path().toString();
        return new dev.glimpse.elan.Eaf.Timing(name, dev.glimpse.elan.Eaf.mime(name), start, end, numbers);
    }

    /** The project's clip for {@code source} (by path, else by checksum), or a new one with id 0, not yet saved. */
    private Clip known(ClipSource source) throws Exception {
        String path = source.path().toAbsolutePath().toString();
        for (Clip c : project.clips().all()) {
            if (c.path().equals(path) && !c.sha256().isEmpty()) {
                return c;
            }
        }
        String sha = sha256(source.path());
        Optional<Clip> same = project.clips().bySha256(sha);
        if (same.isPresent()) {
            return same.get();
        }
        for (Clip c : project.clips().all()) {
            if (c.path().equals(path)) { // its checksum was never completed: now it is
                project.clips().setSha256(c.id(), sha);
                return project.clips().byId(c.id()).orElseThrow();
            }
        }
        long size = Files.isRegularFile(source.path()) ? Files.size(source.path()) : 0;
        return new Clip(0, path, size, sha, source.fps(), source.frameCount(), source.width(), source.height());
    }

    /** Whether this project codes blind (each coder sees only their own events once a second coder appears). */
    public boolean blind() throws StoreException {
        return !"off".equals(project.setting(Coding.BLIND_SETTING));
    }

    public void setBlind(boolean on) throws StoreException {
        project.putSetting(Coding.BLIND_SETTING, on ? "on" : "off");
    }

    /** What a merge did, said in one line by {@link #toString}. */
    public record Merged(int clipsAdded, int clipsMatched, int eventsAdded, int eventsAlreadyHere, String summary) {
        @Override
        public String toString() {
            return summary;
        }
    }

    /** Brings another coder's project in: its clips by checksum and their events, each keeping its coder. */
    public Merged merge(Path source) throws StoreException {
        ProjectMerge.Outcome o = ProjectMerge.merge(project, source);
        return new Merged(o.clipsAdded(), o.clipsMatched(), o.eventsAdded(), o.eventsAlreadyHere(), o.toString());
    }

    /**
     * How the coders of the project agree (docs/agreement.md), over every clip or the one whose path or file name is
     * {@code clip}.
     *
     * @param coders the coders to compare, or empty for all but the consensus
     */
    public static Agreement.Report agreement(Project project, List<String> coders, String clip, boolean auStrict)
            throws StoreException {
        List<Agreement.ClipEvents> clips = new java.util.ArrayList<>();
        for (Clip c : project.clips().all()) {
            if (clip == null || c.path().equals(clip) || Path.of(c.path()).getFileName().toString().equals(clip)) {
                clips.add(new Agreement.ClipEvents(c.path(), c.fps(), project.events().of(c.id())));
            }
        }
        if (clip != null && clips.isEmpty()) {
            throw new StoreException(project.file(), "has no clip " + clip);
        }
        return Agreement.of(clips, coders, auStrict);
    }

    /**
     * Writes a session report (PDF) of one clip of {@code project} ({@link Reporting}); returns its number of pages.
     */
    public static int report(Project project, String clip, Path out, boolean stills, String annotator) throws Exception {
        return Reporting.report(project, clip, out, stills, annotator);
    }

    /** A session report of the clip at {@code clipPath} in this project, everyone's events. */
    public int report(Path clipPath, Path out, boolean stills) throws Exception {
        return Reporting.report(project, clipPath.toAbsolutePath().toString(), out, stills, null);
    }

    /** The same for this session's project. */
    public Agreement.Report agreement(List<String> coders, String clip, boolean auStrict) throws StoreException {
        return agreement(project, coders, clip, auStrict);
    }

    public int exportCsv(Path out) throws IOException {
        return EventExchange.exportCsv(project, out);
    }

    public int exportSheet(Path out) throws IOException {
        return EventExchange.exportCodingSheet(project, out);
    }

    /** The project underneath, for the command line and tests (the window goes through this session). */
    public Project project() {
        return project;
    }

    /** SHA-256 of a video file, or of a frame folder's file names and sizes. */
    public static String sha256(Path path) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        if (Files.isDirectory(path)) {
            try (var files = Files.list(path)) {
                for (Path p : files.sorted().toList()) {
                    md.update((p.getFileName() + ":" + Files.size(p) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        } else {
            try (InputStream in = Files.newInputStream(path)) {
                byte[] buf = new byte[1 << 20];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Override
    public void close() throws StoreException {
        checksums.shutdownNow();
        project.close();
    }
}
