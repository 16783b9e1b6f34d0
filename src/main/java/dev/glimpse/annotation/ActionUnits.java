package dev.glimpse.annotation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reader and writer of action-unit notations in Glimpse. It reads what coders type and what the datasets'
 * sheets hold: {@code AU6B + AU12C}, {@code 6B+12C}, {@code 6+12}, {@code 4+7+L10}, {@code R12}, {@code AUL10},
 * {@code 01} (CASME II's zero-padded single units), separated by {@code +}, commas, semicolons or spaces. It writes
 * them back sorted in FACS order (by number), in two notations that it reads again without loss.
 */
public final class ActionUnits {
    private static final Pattern TOKEN = Pattern.compile("(?i)(?:AU)?\\s*([LR]?)0*(\\d{1,2})([A-E]?)");

    private ActionUnits() {}

    /**
     * The action units in {@code text} (null or blank: none), sorted by number.
     *
     * @throws IllegalArgumentException naming the token that is not an action unit, or one that is there twice
     */
    public static List<ActionUnit> parse(String text) {
        List<ActionUnit> units = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return units;
        }
        if (text.length() > 1000) {
            throw new IllegalArgumentException("action units: " + text.length() + " characters is more than any coding");
        }
        // "AU 12" is one unit: join an AU prefix to its number before splitting on spaces
        String joined = text.trim().replaceAll("(?i)\\bAU\\s+", "AU");
        for (String token : joined.split("[\\s,;+]+")) {
            if (token.isEmpty()) {
                continue;
            }
            Matcher m = TOKEN.matcher(token);
            if (!m.matches() || Integer.parseInt(m.group(2)) == 0) {
                throw new IllegalArgumentException("'" + token + "' is not an action unit (write them like AU6B + AU12C,"
                        + " 6+12 or L10)");
            }
            String unit = m.group(1).toUpperCase(Locale.ROOT) + Integer.parseInt(m.group(2));
            String intensity = m.group(3).isEmpty() ? null : m.group(3).toUpperCase(Locale.ROOT);
            ActionUnit au = new ActionUnit(unit, intensity);
            if (units.stream().anyMatch(u -> u.unit().equals(au.unit()))) {
                throw new IllegalArgumentException("AU" + unit + " is there twice");
            }
            units.add(au);
        }
        units.sort(null);
        return List.copyOf(units);
    }

    /** As a coder reads and types them: {@code AU6B + AU12C + AUL10}. */
    public static String format(List<ActionUnit> units) {
        return String.join(" + ", sorted(units).stream().map(u -> "AU" + u.unit() + nullToEmpty(u.intensity())).toList());
    }

    /** As the datasets' sheets write them, with intensities where coded: {@code 6B+12C+L10}. */
    public static String formatSheet(List<ActionUnit> units) {
        return String.join("+", sorted(units).stream().map(u -> u.unit() + nullToEmpty(u.intensity())).toList());
    }

    private static List<ActionUnit> sorted(List<ActionUnit> units) {
        List<ActionUnit> copy = new ArrayList<>(units);
        copy.sort(null);
        return copy;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
