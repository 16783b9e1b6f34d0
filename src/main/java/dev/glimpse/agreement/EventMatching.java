package dev.glimpse.agreement;

import dev.glimpse.annotation.Event;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Which of two coders' events of one clip are the same event: temporal IoU of [onset, offset] (frames inclusive) of
 * at least {@value #MIN_IOU}, one to one, greedily by highest IoU (ties: the earlier events first), as the MEGC
 * spotting protocol matches proposals.
 */
public final class EventMatching {
    public static final double MIN_IOU = 0.5;

    private EventMatching() {}

    /** Two events, one of each coder, taken for the same one. */
    public record Match(Event a, Event b, double iou) {}

    /** Intersection over union of the two events' frames, onset to offset inclusive. */
    public static double iou(Event a, Event b) {
        int overlap = Math.min(a.offset(), b.offset()) - Math.max(a.onset(), b.onset()) + 1;
        if (overlap <= 0) {
            return 0;
        }
        int union = (a.offset() - a.onset() + 1) + (b.offset() - b.onset() + 1) - overlap;
        return overlap / (double) union;
    }

    public static List<Match> match(List<Event> a, List<Event> b) {
        List<Match> candidates = new ArrayList<>();
        for (Event x : a) {
            for (Event y : b) {
                double iou = iou(x, y);
                if (iou >= MIN_IOU) {
                    candidates.add(new Match(x, y, iou));
                }
            }
        }
        candidates.sort(Comparator.comparingDouble(Match::iou).reversed()
                .thenComparingInt(m -> m.a().onset()).thenComparingInt(m -> m.b().onset()));
        List<Match> matches = new ArrayList<>();
        // by identity: two coders' events may be equal records and still be two events
        Set<Event> taken = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Match m : candidates) {
            if (!taken.contains(m.a()) && !taken.contains(m.b())) {
                taken.add(m.a());
                taken.add(m.b());
                matches.add(m);
            }
        }
        matches.sort(Comparator.comparingInt(m -> m.a().onset()));
        return matches;
    }
}
