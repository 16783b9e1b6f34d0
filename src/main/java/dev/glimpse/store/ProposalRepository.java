package dev.glimpse.store;

import dev.glimpse.annotation.Proposal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code proposals} and {@code spotting_runs} tables: what the spotter proposed on each clip, and how. */
public final class ProposalRepository {
    private final Project project;

    ProposalRepository(Project project) {
        this.project = project;
    }

    /**
     * Saves a spotting run over frames {@code first}..{@code last} of a clip in one transaction: its open proposals
     * in that range are replaced by {@code found} (accepted and rejected ones stay, and a found interval that
     * equals one of them is not proposed again), and the run is recorded with its parameters (JSON).
     */
    public List<Proposal> replaceOpen(long clipId, int first, int last, List<Proposal> found, String parameters,
                                      int facelessFrames) throws StoreException {
        return replaceOpen(clipId, first, last, found, parameters, facelessFrames, null, 0);
    }

    /** The same, keeping the run's motion signal: one value per frame index from {@code signalFirst}. */
    public List<Proposal> replaceOpen(long clipId, int first, int last, List<Proposal> found, String parameters,
                                      int facelessFrames, float[] signal, int signalFirst) throws StoreException {
        return project.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM proposals WHERE clip_id = ? AND status = 'open'"
                    + " AND onset >= ? AND offset <= ?")) {
                p.setLong(1, clipId);
                p.setInt(2, first);
                p.setInt(3, last);
                p.executeUpdate();
            }
            List<Proposal> kept = of(c, clipId);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO proposals(clip_id, onset, apex, offset, score, kind,"
                    + " status) VALUES (?, ?, ?, ?, ?, ?, 'open')")) {
                for (Proposal f : found) {
                    boolean decided = kept.stream().anyMatch(k -> k.onset() == f.onset() && k.offset() == f.offset()
                            && !Proposal.OPEN.equals(k.status()));
                    if (decided) {
                        continue;
                    }
                    p.setLong(1, clipId);
                    p.setInt(2, f.onset());
                    p.setInt(3, f.apex());
                    p.setInt(4, f.offset());
                    p.setDouble(5, f.score());
                    p.setString(6, f.kind());
                    p.executeUpdate();
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO spotting_runs(clip_id, first_frame, last_frame,"
                    + " parameters, proposals, faceless_frames, run_at, signal, signal_first) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setLong(1, clipId);
                p.setInt(2, first);
                p.setInt(3, last);
                p.setString(4, parameters);
                p.setInt(5, found.size());
                p.setInt(6, facelessFrames);
                p.setString(7, Instant.now().toString());
                if (signal == null) {
                    p.setNull(8, java.sql.Types.BLOB);
                    p.setNull(9, java.sql.Types.INTEGER);
                } else {
                    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * signal.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                    b.asFloatBuffer().put(signal);
                    p.setBytes(8, b.array());
                    p.setInt(9, signalFirst);
                }
                p.executeUpdate();
            }
            return of(c, clipId);
        });
    }

    /** A clip's proposals of every status, in time order. */
    public List<Proposal> of(long clipId) throws StoreException {
        return project.inTransaction(c -> of(c, clipId));
    }

    /** Sets a proposal's status (and the event it became, or null). */
    public Proposal setStatus(Proposal p, String status, Long eventId) throws StoreException {
        Proposal changed = p.withStatus(status, eventId);
        return project.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE proposals SET status = ?, event_id = ? WHERE id = ?")) {
                s.setString(1, status);
                s.setObject(2, eventId);
                s.setLong(3, p.id());
                if (s.executeUpdate() != 1) {
                    throw new java.sql.SQLException("proposal " + p.id() + " is not in the project");
                }
            }
            return changed;
        });
    }

    /** A run's motion signal: {@code values[i]} is frame index {@code first + i}, NaN where there was no face. */
    public record Signal(int first, float[] values) {}

    /** The motion signal of the last spotting run over a clip that kept one, or null. */
    public Signal lastSignal(long clipId) throws StoreException {
        return project.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT signal, signal_first FROM spotting_runs WHERE clip_id = ?"
                    + " AND signal IS NOT NULL ORDER BY id DESC LIMIT 1")) {
                p.setLong(1, clipId);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        return null;
                    }
                    byte[] bytes = r.getBytes(1);
                    float[] values = new float[bytes.length / 4];
                    java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
                    return new Signal(r.getInt(2), values);
                }
            }
        });
    }

    /** The parameters (JSON) of the last spotting run over a clip, or null when it was never spotted. */
    public String lastParameters(long clipId) throws StoreException {
        return project.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT parameters FROM spotting_runs WHERE clip_id = ?"
                    + " ORDER BY id DESC LIMIT 1")) {
                p.setLong(1, clipId);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? r.getString(1) : null;
                }
            }
        });
    }

    private static List<Proposal> of(java.sql.Connection c, long clipId) throws java.sql.SQLException {
        List<Proposal> list = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT id, onset, apex, offset, score, kind, status, event_id"
                + " FROM proposals WHERE clip_id = ? ORDER BY onset, offset, id")) {
            p.setLong(1, clipId);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    long event = r.getLong(8);
                    Long eventId = r.wasNull() ? null : event; // asked at once: wasNull is about the last column read
                    list.add(new Proposal(r.getLong(1), clipId, r.getInt(2), r.getInt(3), r.getInt(4), r.getDouble(5),
                            r.getString(6), r.getString(7), eventId));
                }
            }
        }
        return list;
    }
}
