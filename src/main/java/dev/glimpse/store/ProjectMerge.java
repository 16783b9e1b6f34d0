package dev.glimpse.store;

import dev.glimpse.annotation.Clip;
import dev.glimpse.annotation.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings another coder's project into this one: its clips (matched by checksum, whatever their paths) and their
 * events, each keeping its coder. An event already here, field for field, is not added again, so merging the same
 * project twice adds nothing the second time. All or nothing: one transaction; a clip whose file has the same path
 * here but another checksum is a different video, and refuses the whole merge.
 */
public final class ProjectMerge {
    private ProjectMerge() {}

    /** What a merge did. */
    public record Outcome(Path source, int clipsAdded, int clipsMatched, int eventsAdded, int eventsAlreadyHere) {
        @Override
        public String toString() {
            return "merged " + source.getFileName() + ": " + eventsAdded + " events added (" + eventsAlreadyHere
                    + " already here), " + clipsAdded + " clips added, " + clipsMatched + " matched by checksum";
        }
    }

    public static Outcome merge(Project target, Path sourceFile) throws StoreException {
        if (target.readOnly()) {
            throw new StoreException(target.file(), "is open for reading only: nothing can be merged into it");
        }
        try {
            if (Files.exists(sourceFile) && Files.isSameFile(target.file(), sourceFile)) {
                throw new StoreException(sourceFile, "is the project being merged into: nothing to merge");
            }
        } catch (StoreException e) {
            throw e;
        } catch (IOException e) {
            throw new StoreException(sourceFile, "cannot be compared with " + target.file() + " (" + e.getMessage() + ")", e);
        }
        List<Clip> theirs;
        Map<Long, List<Event>> theirEvents = new HashMap<>();
        try (Project source = Project.openReadOnly(sourceFile)) {
            theirs = source.clips().all();
            for (Clip k : theirs) {
                theirEvents.put(k.id(), source.events().of(k.id()));
            }
        }
        List<Clip> ours = target.clips().all();
        // decide everything before writing: a refusal changes nothing
        Map<Long, Clip> sameVideo = new HashMap<>(); // their clip id -> our clip
        for (Clip k : theirs) {
            if (k.sha256() == null || k.sha256().isEmpty()) {
                throw new StoreException(sourceFile, "has clip " + k.path() + " whose checksum was never computed (open it"
                        + " once in Glimpse): it cannot be matched; nothing was merged");
            }
            for (Clip o : ours) {
                if (o.sha256().equals(k.sha256())) {
                    sameVideo.put(k.id(), o);
                    break;
                }
            }
            if (!sameVideo.containsKey(k.id())) {
                for (Clip o : ours) {
                    if (o.path().equals(k.path()) && !o.sha256().isEmpty()) {
                        throw new StoreException(sourceFile, "has clip " + k.path() + " with checksum " + abbrev(k.sha256())
                                + ", but here the same path has " + abbrev(o.sha256()) + ": not the same video; nothing"
                                + " was merged");
                    }
                }
            }
        }
        Map<Long, List<Event>> ourEvents = new HashMap<>();
        for (Clip o : sameVideo.values()) {
            ourEvents.put(o.id(), new ArrayList<>(target.events().of(o.id())));
        }
        int[] counts = new int[4]; // clips added, matched, events added, already here
        target.inTransaction(c -> {
            for (Clip k : theirs) {
                Clip here = sameVideo.get(k.id());
                if (here == null) {
                    here = ClipRepository.insert(c, k);
                    counts[0]++;
                } else {
                    counts[1]++;
                }
                List<Event> present = ourEvents.getOrDefault(here.id(), new ArrayList<>());
                for (Event e : theirEvents.get(k.id())) {
                    counts[EventRepository.insertUnlessPresent(c, present, e.unsavedIn(here.id())) ? 2 : 3]++;
                }
            }
            return null;
        });
        return new Outcome(sourceFile, counts[0], counts[1], counts[2], counts[3]);
    }

    private static String abbrev(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) + "..." : sha;
    }
}
