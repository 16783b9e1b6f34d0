package dev.glimpse.store;

import dev.glimpse.annotation.ActionUnit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The migrations that SQL alone cannot write; each runs inside its migration's transaction. */
final class Migrations {
    private Migrations() {}

    /**
     * Version 3: an analysis's classes and probabilities become JSON arrays (they were joined with tabs), and
     * action units written loosely by earlier sheet imports ({@code 01}, {@code au12}) are written as the rest
     * are ({@code 1}, {@code 12}); a unit that is no action unit moves into its event's notes, never lost.
     */
    static void analysesAsJson(Connection c) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT id, classes, probabilities FROM analyses");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                List<String> classes = Arrays.asList(r.getString(2).split("\t"));
                List<Double> probabilities = new ArrayList<>();
                for (String v : r.getString(3).split("\t")) {
                    probabilities.add(Double.parseDouble(v));
                }
                rows.add(new Object[] {r.getLong(1), AnalysisRepository.json(classes), AnalysisRepository.json(probabilities)});
            }
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE analyses SET classes = ?, probabilities = ? WHERE id = ?")) {
            for (Object[] row : rows) {
                p.setString(1, (String) row[1]);
                p.setString(2, (String) row[2]);
                p.setLong(3, (Long) row[0]);
                p.addBatch();
            }
            p.executeBatch();
        }
        List<Object[]> units = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT event_id, unit FROM event_action_units");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                units.add(new Object[] {r.getLong(1), r.getString(2)});
            }
        }
        for (Object[] u : units) {
            String raw = (String) u[1];
            String normal = raw.trim().toUpperCase(Locale.ROOT).replaceFirst("^AU\\s*", "").replaceFirst("^([LR]?)0+(\\d)", "$1$2");
            boolean valid;
            try {
                new ActionUnit(normal, null);
                valid = true;
            } catch (IllegalArgumentException e) {
                valid = false;
            }
            if (valid && normal.equals(raw)) {
                continue;
            }
            String sql = valid ? "UPDATE OR IGNORE event_action_units SET unit = ? WHERE event_id = ? AND unit = ?"
                    : "DELETE FROM event_action_units WHERE event_id = ? AND unit = ?";
            int changed;
            try (PreparedStatement p = c.prepareStatement(sql)) {
                int k = 1;
                if (valid) {
                    p.setString(k++, normal);
                }
                p.setLong(k++, (Long) u[0]);
                p.setString(k, raw);
                changed = p.executeUpdate();
            }
            if (valid && changed == 0) { // "01" beside "1": the same unit twice, the normal spelling stays
                try (PreparedStatement p = c.prepareStatement("DELETE FROM event_action_units WHERE event_id = ? AND unit = ?")) {
                    p.setLong(1, (Long) u[0]);
                    p.setString(2, raw);
                    p.executeUpdate();
                }
            }
            if (!valid) {
                try (PreparedStatement p = c.prepareStatement("UPDATE events SET notes = notes || ? WHERE id = ?")) {
                    p.setString(1, "\n(action unit '" + raw + "' as it was written before version 3)");
                    p.setLong(2, (Long) u[0]);
                    p.executeUpdate();
                }
            }
        }
    }
}
