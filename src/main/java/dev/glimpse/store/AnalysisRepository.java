package dev.glimpse.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glimpse.annotation.SavedAnalysis;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code analyses} table as {@link SavedAnalysis} records; classes and probabilities are JSON arrays. */
public final class AnalysisRepository {
    static final ObjectMapper JSON = new ObjectMapper();
    private final Project project;

    AnalysisRepository(Project project) {
        this.project = project;
    }

    public SavedAnalysis save(SavedAnalysis a) throws StoreException {
        return project.inTransaction(c -> {
            String created = Instant.now().toString();
            try (PreparedStatement p = c.prepareStatement("INSERT INTO analyses(event_id, weights_sha256, weights_name,"
                    + " trained, preset, device, millis, classes, probabilities, predicted, created_at, face_x, face_y,"
                    + " face_size, face_detected, movement_score, movement_threshold, temperature, attention)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                p.setLong(1, a.eventId());
                p.setString(2, a.weightsSha256());
                p.setString(3, a.weightsName());
                p.setInt(4, a.trained() ? 1 : 0);
                p.setString(5, a.preset());
                p.setString(6, a.device());
                p.setLong(7, a.millis());
                p.setString(8, json(a.classes()));
                p.setString(9, json(a.probabilities()));
                p.setString(10, a.predicted());
                p.setString(11, created);
                SavedAnalysis.Face f = a.face();
                p.setObject(12, f == null ? null : f.x());
                p.setObject(13, f == null ? null : f.y());
                p.setObject(14, f == null ? null : f.size());
                p.setObject(15, f == null ? null : (f.detected() ? 1 : 0));
                p.setObject(16, a.movementScore());
                p.setObject(17, a.movementThreshold());
                p.setObject(18, a.temperature());
                p.setString(19, a.attention() == null ? null : json(a.attention()));
                p.executeUpdate();
                return new SavedAnalysis(Project.generatedId(p), a.eventId(), a.weightsSha256(), a.weightsName(), a.trained(),
                        a.preset(), a.device(), a.millis(), a.classes(), a.probabilities(), a.predicted(), created, f,
                        a.movementScore(), a.movementThreshold(), a.temperature(), a.attention());
            }
        });
    }

    /** The most recent analysis of an event, if any. */
    public Optional<SavedAnalysis> latest(long eventId) throws StoreException {
        return project.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id, event_id, weights_sha256, weights_name, trained,"
                    + " preset, device, millis, classes, probabilities, predicted, created_at, face_x, face_y, face_size,"
                    + " face_detected, movement_score, movement_threshold, temperature, attention FROM analyses"
                    + " WHERE event_id = ? ORDER BY id DESC LIMIT 1")) {
                p.setLong(1, eventId);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        return Optional.<SavedAnalysis>empty();
                    }
                    return Optional.of(new SavedAnalysis(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4),
                            r.getInt(5) == 1, r.getString(6), r.getString(7), r.getLong(8),
                            list(r.getString(9), new TypeReference<List<String>>() { }),
                            list(r.getString(10), new TypeReference<List<Double>>() { }), r.getString(11), r.getString(12),
                            r.getObject(13) == null ? null : new SavedAnalysis.Face(r.getInt(13), r.getInt(14), r.getInt(15),
                                    r.getInt(16) == 1),
                            real(r, 17), real(r, 18), real(r, 19), attention(r.getString(20))));
                }
            }
        });
    }

    /** A saved attention map; an unreadable one is left out (the reading stands without it), never a failure. */
    private static SavedAnalysis.Attention attention(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, SavedAnalysis.Attention.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }

    private static Double real(ResultSet r, int column) throws SQLException {
        double v = r.getDouble(column);
        return r.wasNull() ? null : v;
    }

    static String json(Object value) throws SQLException {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot write " + value + " as JSON", e);
        }
    }

    private static <T> T list(String json, TypeReference<T> type) throws SQLException {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new SQLException("a saved analysis holds '" + json + "', not a JSON array", e);
        }
    }
}
