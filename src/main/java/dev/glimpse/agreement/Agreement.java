package dev.glimpse.agreement;

import dev.glimpse.annotation.ActionUnit;
import dev.glimpse.annotation.Event;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How far several coders of the same clips agree, the way micro-expression datasets report it (docs/agreement.md):
 * events matched per pair of coders and clip ({@link EventMatching}); detection (matched, only one coder's, event
 * F1); onset, apex and offset (absolute differences, ICC(2,1)); labels (Cohen's kappa per pair; Fleiss' kappa and
 * Krippendorff's alpha over all coders); action units (the CASME/SAMM reliability R).
 */
public final class Agreement {
    /** The coder the consensus events belong to: left out unless asked for by name. */
    public static final String CONSENSUS = "consensus";
    /** How an event with no coder is named here. */
    public static final String UNNAMED = "unnamed";

    private Agreement() {}

    /** One clip's events, and its frame rate for turning frames into milliseconds. */
    public record ClipEvents(String clip, double fps, List<Event> events) {}

    /** Onset, apex or offset: how far the coders' frames lie apart over the matched events. Nulls when none matched. */
    public record FrameAgreement(Double meanAbsFrames, Double medianAbsFrames, Double meanAbsMillis,
                                 Double medianAbsMillis, Statistic icc, int n) {}

    /** A matched pair as the report's CSV lists it. */
    public record MatchedEvents(String clip, double fps, Event a, Event b, double iou) {}

    /** Two coders' agreement over every clip both coded. */
    public record Pair(String a, String b, int eventsA, int eventsB, int matched, int onlyA, int onlyB, Double eventF1,
                       FrameAgreement onset, FrameAgreement apex, FrameAgreement offset, Statistic labelKappa,
                       Statistic auReliability, List<MatchedEvents> matches) {}

    public record Report(List<String> annotators, int clips, List<Pair> pairs, Statistic fleissKappa,
                         Statistic krippendorffAlpha) {}

    /**
     * @param coders the coders to compare, or empty for every coder present except {@value #CONSENSUS}
     * @param auStrict compare action units with their side and intensity (AU12C is not AU12B); by default only numbers
     */
    public static Report of(List<ClipEvents> clips, List<String> coders, boolean auStrict) {
        List<String> who = new ArrayList<>(coders);
        if (who.isEmpty()) {
            Set<String> present = new TreeSet<>();
            clips.forEach(c -> c.events().forEach(e -> present.add(coder(e))));
            present.remove(CONSENSUS);
            who.addAll(present);
        }
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < who.size(); i++) {
            for (int j = i + 1; j < who.size(); j++) {
                pairs.add(pair(clips, who.get(i), who.get(j), auStrict));
            }
        }
        List<List<String>> units = new ArrayList<>();
        int clipsCoded = 0;
        for (ClipEvents c : clips) {
            if (c.events().stream().anyMatch(e -> who.contains(coder(e)))) {
                clipsCoded++;
            }
            units.addAll(labelUnits(c, who));
        }
        Statistic fleiss = who.size() < 2 ? Statistic.undefined(0, null, "one coder only: nothing to agree with")
                : Reliability.fleissKappa(units);
        Statistic alpha = who.size() < 2 ? Statistic.undefined(0, null, "one coder only: nothing to agree with")
                : Reliability.krippendorffAlpha(units);
        return new Report(List.copyOf(who), clipsCoded, pairs, fleiss, alpha);
    }

    private static Pair pair(List<ClipEvents> clips, String a, String b, boolean auStrict) {
        int eventsA = 0;
        int eventsB = 0;
        List<MatchedEvents> matches = new ArrayList<>();
        for (ClipEvents c : clips) {
            List<Event> ofA = c.events().stream().filter(e -> coder(e).equals(a)).toList();
            List<Event> ofB = c.events().stream().filter(e -> coder(e).equals(b)).toList();
            eventsA += ofA.size();
            eventsB += ofB.size();
            for (EventMatching.Match m : EventMatching.match(ofA, ofB)) {
                matches.add(new MatchedEvents(c.clip(), c.fps(), m.a(), m.b(), m.iou()));
            }
        }
        int matched = matches.size();
        Double f1 = eventsA + eventsB == 0 ? null : 2.0 * matched / (eventsA + eventsB);
        List<String> labelsA = new ArrayList<>();
        List<String> labelsB = new ArrayList<>();
        int shared = 0;
        int units = 0;
        for (MatchedEvents m : matches) {
            labelsA.add(label(m.a()));
            labelsB.add(label(m.b()));
            Set<String> ua = units(m.a(), auStrict);
            Set<String> ub = units(m.b(), auStrict);
            units += ua.size() + ub.size();
            ua.retainAll(ub);
            shared += ua.size();
        }
        Statistic au = matched == 0 ? Statistic.undefined(0, null, "no matched events")
                : units == 0 ? Statistic.undefined(matched, null, "neither coder coded action units on the matched events")
                : Statistic.of(2.0 * shared / units, matched, null);
        return new Pair(a, b, eventsA, eventsB, matched, eventsA - matched, eventsB - matched, f1,
                frames(matches, Event::onset), frames(matches, Event::apex), frames(matches, Event::offset),
                Reliability.cohenKappa(labelsA, labelsB), au, List.copyOf(matches));
    }

    private static FrameAgreement frames(List<MatchedEvents> matches, java.util.function.ToIntFunction<Event> landmark) {
        int n = matches.size();
        if (n == 0) {
            return new FrameAgreement(null, null, null, null, Statistic.undefined(0, null, "no matched events"), 0);
        }
        double[] frames = new double[n];
        double[] millis = new double[n];
        double[][] ratings = new double[n][2];
        for (int i = 0; i < n; i++) {
            MatchedEvents m = matches.get(i);
            int fa = landmark.applyAsInt(m.a());
            int fb = landmark.applyAsInt(m.b());
            frames[i] = Math.abs(fa - fb);
            millis[i] = frames[i] * 1000 / m.fps();
            ratings[i][0] = fa;
            ratings[i][1] = fb;
        }
        return new FrameAgreement(mean(frames), median(frames), mean(millis), median(millis), Reliability.icc21(ratings), n);
    }

    /**
     * Units for the labels of three or more coders: each clip's events grouped by chaining the pairwise matches
     * (highest IoU first), a group never holding two events of one coder; a unit lists every coder's label, null
     * where the coder has no event in the group or gave it no label. Groups of one event are no unit.
     */
    private static List<List<String>> labelUnits(ClipEvents clip, List<String> coders) {
        List<Event> events = clip.events().stream().filter(e -> coders.contains(coder(e))).toList();
        int[] group = new int[events.size()];
        Arrays.setAll(group, i -> i);
        List<int[]> links = new ArrayList<>(); // {i, j} by falling IoU
        List<Double> strength = new ArrayList<>();
        for (int i = 0; i < coders.size(); i++) {
            for (int j = i + 1; j < coders.size(); j++) {
                String ci = coders.get(i);
                String cj = coders.get(j);
                for (EventMatching.Match m : EventMatching.match(events.stream().filter(e -> coder(e).equals(ci)).toList(),
                        events.stream().filter(e -> coder(e).equals(cj)).toList())) {
                    links.add(new int[] {indexOf(events, m.a()), indexOf(events, m.b())});
                    strength.add(m.iou());
                }
            }
        }
        Integer[] order = new Integer[links.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (x, y) -> Double.compare(strength.get(y), strength.get(x)));
        for (int k : order) {
            int ga = root(group, links.get(k)[0]);
            int gb = root(group, links.get(k)[1]);
            if (ga != gb && disjointCoders(events, group, ga, gb)) {
                group[gb] = ga;
            }
        }
        Map<Integer, String[]> units = new LinkedHashMap<>();
        Map<Integer, Integer> sizes = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            int g = root(group, i);
            units.computeIfAbsent(g, x -> new String[coders.size()])[coders.indexOf(coder(events.get(i)))] = label(events.get(i));
            sizes.merge(g, 1, Integer::sum);
        }
        List<List<String>> out = new ArrayList<>();
        units.forEach((g, labels) -> {
            if (sizes.get(g) >= 2) {
                out.add(Arrays.asList(labels));
            }
        });
        return out;
    }

    private static boolean disjointCoders(List<Event> events, int[] group, int ga, int gb) {
        Set<String> a = new HashSet<>();
        Set<String> b = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            int g = root(group, i);
            if (g == ga) {
                a.add(coder(events.get(i)));
            } else if (g == gb) {
                b.add(coder(events.get(i)));
            }
        }
        a.retainAll(b);
        return a.isEmpty();
    }

    private static int root(int[] group, int i) {
        while (group[i] != i) {
            i = group[i];
        }
        return i;
    }

    private static int indexOf(List<Event> events, Event e) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) == e) {
                return i;
            }
        }
        throw new IllegalStateException("an event matched that is not the clip's");
    }

    /** The event's coder, {@value #UNNAMED} when none was recorded. */
    public static String coder(Event e) {
        return e.coder() == null || e.coder().isBlank() ? UNNAMED : e.coder();
    }

    /** Labels compare without regard to case or surrounding spaces; an empty label is no label. */
    static String label(Event e) {
        return e.label() == null || e.label().isBlank() ? null : e.label().trim().toLowerCase(Locale.ROOT);
    }

    private static Set<String> units(Event e, boolean strict) {
        Set<String> out = new HashSet<>();
        for (ActionUnit u : e.actionUnits()) {
            out.add(strict ? u.unit() + (u.intensity() == null ? "" : u.intensity()) : Integer.toString(u.number()));
        }
        return out;
    }

    private static double mean(double[] x) {
        return Arrays.stream(x).average().orElseThrow();
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
