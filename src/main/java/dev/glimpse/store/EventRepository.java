package dev.glimpse.store;

import dev.glimpse.annotation.ActionUnit;
import dev.glimpse.annotation.Event;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code events}, {@code event_action_units} and {@code annotators} tables as {@link Event} records. */
public final class EventRepository {
    private final Project project;

    EventRepository(Project project) {
        this.project = project;
    }

    /** Adds an event (its id is ignored) and returns it with the id it got. */
    public Event add(Event e) throws StoreException {
        return project.inTransaction(c -> insert(c, e));
    }

    /** Adds all of them, or none: one transaction. */
    public List<Event> addAll(List<Event> events) throws StoreException {
        return project.inTransaction(c -> {
            List<Event> out = new ArrayList<>();
            for (Event e : events) {
                out.add(insert(c, e));
            }
            return out;
        });
    }

    /**
     * Inserts {@code e} (id 0) inside a transaction already open, unless an event of {@code present} equals it field for
     * field: that one is then used up, so that two equal events need two. What keeps an import or a merge done twice
     * from adding anything the second time. True when inserted.
     */
    static boolean insertUnlessPresent(Connection c, List<Event> present, Event e) throws SQLException {
        for (int i = 0; i < present.size(); i++) {
            if (present.get(i).withId(0).equals(e)) {
                present.remove(i);
                return false;
            }
        }
        insert(c, e);
        return true;
    }

    /** Inserts the event (its id is ignored) inside a transaction already open; returns it with its id. */
    static Event insert(Connection c, Event e) throws SQLException {
        long annotator = annotatorId(c, e.coder());
        try (PreparedStatement p = c.prepareStatement("INSERT INTO events(clip_id, onset, apex, offset, scheme, label,"
                + " confidence, notes, annotator_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            bind(p, e, annotator);
            p.setString(10, Instant.now().toString());
            p.setString(11, Instant.now().toString());
            p.executeUpdate();
            long id = Project.generatedId(p);
            writeUnits(c, id, e.actionUnits());
            return e.withId(id);
        }
    }

    /** Replaces the saved event of the same id; fails as a whole when there is none. */
    public void update(Event e) throws StoreException {
        project.inTransaction(c -> {
            long annotator = annotatorId(c, e.coder());
            try (PreparedStatement p = c.prepareStatement("UPDATE events SET clip_id = ?, onset = ?, apex = ?, offset = ?,"
                    + " scheme = ?, label = ?, confidence = ?, notes = ?, annotator_id = ?, updated_at = ? WHERE id = ?")) {
                bind(p, e, annotator);
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

    public void delete(long id) throws StoreException {
        project.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM events WHERE id = ?")) {
                p.setLong(1, id);
                p.executeUpdate();
            }
            return null;
        });
    }

    /** A clip's events in time order. */
    public List<Event> of(long clipId) throws StoreException {
        return project.inTransaction(c -> {
            List<Event> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT e.id, e.clip_id, e.onset, e.apex, e.offset, e.scheme,"
                    + " e.label, e.confidence, e.notes, a.name FROM events e LEFT JOIN annotators a ON a.id = e.annotator_id"
                    + " WHERE e.clip_id = ? ORDER BY e.onset, e.id")) {
                p.setLong(1, clipId);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        double conf = r.getDouble(8);
                        Double confidence = r.wasNull() ? null : conf;
                        out.add(new Event(r.getLong(1), r.getLong(2), r.getInt(3), r.getInt(4), r.getInt(5), r.getString(10),
                                r.getString(7), r.getString(6), units(c, r.getLong(1)), confidence, r.getString(9)));
                    }
                }
            }
            return out;
        });
    }

    private static void bind(PreparedStatement p, Event e, long annotator) throws SQLException {
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
        try (PreparedStatement p = c.prepareStatement("SELECT unit, intensity FROM event_action_units WHERE event_id = ?")) {
            p.setLong(1, eventId);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new ActionUnit(r.getString(1), r.getString(2)));
                }
            }
        }
        return out; // sorted by the event
    }
}
