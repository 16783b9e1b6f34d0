package dev.glimpse.store;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.List;

/** Run in its own JVM by {@link ProjectTest}: commits one event, then dies in the middle of writing a second. */
public final class CrashDuringWrite {
    public static void main(String[] args) throws Exception {
        Project p = Project.open(Path.of(args[0]));
        Project.StoredClip clip = p.addClip("/data/session.mp4", 1000, "ab".repeat(32), 30, 900, 640, 480);
        p.addEvent(new Project.Event(0, clip.id(), 10, 14, 20, "casme2-5", "happiness", 0.9, "committed", "ann",
                List.of(new Project.ActionUnit("12", "C"))));
        p.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO events(clip_id, onset, apex, offset, notes,"
                    + " created_at, updated_at) VALUES (?, 30, 35, 40, 'never committed', 'x', 'x')")) {
                s.setLong(1, clip.id());
                s.executeUpdate();
            }
            Runtime.getRuntime().halt(3); // the process is killed before the commit
            return null;
        });
    }
}
