package dev.glimpse.store;

import dev.glimpse.annotation.ActionUnit;
import dev.glimpse.annotation.Clip;
import dev.glimpse.annotation.Event;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.List;

/** Run in its own JVM by {@link ProjectTest}: commits one event, then dies in the middle of writing a second. */
public final class CrashDuringWrite {
    public static void main(String[] args) throws Exception {
        Project p = Project.open(Path.of(args[0]));
        Clip clip = p.clips().add("/data/session.mp4", 1000, "ab".repeat(32), 30, 900, 640, 480);
        p.events().add(new Event(0, clip.id(), 10, 14, 20, "ann", "happiness", "casme2-5", List.of(new ActionUnit("12", "C")), 0.9, "committed"));
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
