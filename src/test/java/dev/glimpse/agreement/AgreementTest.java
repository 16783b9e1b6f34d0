package dev.glimpse.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glimpse.annotation.ActionUnits;
import dev.glimpse.annotation.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Matching and the per-pair numbers, worked by hand. */
class AgreementTest {
    private static Event ev(String coder, int on, int apex, int off, String label, String aus) {
        return new Event(0, 1, on, apex, off, coder, label, "casme2-5", ActionUnits.parse(aus), null, "");
    }

    @Test
    void iouCountsFramesInclusively() {
        assertEquals(1.0, EventMatching.iou(ev("a", 10, 12, 20, null, ""), ev("b", 10, 15, 20, null, "")));
        // 10..19 and 15..24: 5 frames shared of 15
        assertEquals(5 / 15.0, EventMatching.iou(ev("a", 10, 12, 19, null, ""), ev("b", 15, 16, 24, null, "")), 1e-12);
        assertEquals(0.0, EventMatching.iou(ev("a", 10, 12, 19, null, ""), ev("b", 20, 21, 24, null, "")));
    }

    @Test
    void anEventOverlappingTwoIsMatchedOnceToTheCloserOne() {
        Event a = ev("a", 100, 105, 120, null, "");
        Event b1 = ev("b", 98, 104, 118, null, "");  // 19 of 23: 0.826
        Event b2 = ev("b", 102, 108, 121, null, ""); // 19 of 22: 0.864
        List<EventMatching.Match> m = EventMatching.match(List.of(a), List.of(b1, b2));
        assertEquals(1, m.size());
        assertSame(b2, m.get(0).b());
    }

    @Test
    void aPairByHand() {
        List<Event> events = List.of(
                ev("ann", 10, 14, 20, "happiness", "AU6B+AU12C"), ev("bob", 11, 15, 21, "Happiness", "AU12"),
                ev("ann", 50, 53, 60, "disgust", "AU9+AU10"), ev("bob", 50, 52, 58, "repression", "AU9"),
                ev("ann", 90, 95, 99, "surprise", "AU1+AU2"),
                ev("bob", 200, 203, 209, null, ""));
        Agreement.Report r = Agreement.of(List.of(new Agreement.ClipEvents("clip.mp4", 200, events)), List.of(), false);
        assertEquals(List.of("ann", "bob"), r.annotators());
        Agreement.Pair p = r.pairs().get(0);
        assertEquals(3, p.eventsA());
        assertEquals(3, p.eventsB());
        assertEquals(2, p.matched());
        assertEquals(1, p.onlyA());
        assertEquals(1, p.onlyB());
        assertEquals(2 * 2 / 6.0, p.eventF1(), 1e-12);
        // onset differences 1 and 0; apex 1 and 1; offset 1 and 2; at 200 fps a frame is 5 ms
        assertEquals(0.5, p.onset().meanAbsFrames(), 1e-12);
        assertEquals(0.5, p.onset().medianAbsFrames(), 1e-12);
        assertEquals(2.5, p.onset().meanAbsMillis(), 1e-12);
        assertEquals(1.5, p.offset().meanAbsFrames(), 1e-12);
        assertEquals(2, p.apex().icc().n());
        // labels: happiness = Happiness (case), disgust != repression
        assertEquals(2, p.labelKappa().n());
        assertEquals(0.5, p.labelKappa().raw(), 1e-12);
        // AUs by number: {6,12} vs {12}: 1 shared; {9,10} vs {9}: 1 shared; R = 2 * 2 / (3 + 3)
        assertEquals(4 / 6.0, p.auReliability().value(), 1e-12);
        Agreement.Report strict = Agreement.of(List.of(new Agreement.ClipEvents("clip.mp4", 200, events)), List.of(), true);
        // strict: 12C != 12, so only AU9 is shared
        assertEquals(2 / 6.0, strict.pairs().get(0).auReliability().value(), 1e-12);
    }

    @Test
    void threeCodersMakeUnitsWithMissingLabels() {
        List<Event> events = List.of(
                ev("a", 10, 14, 20, "joy", ""), ev("b", 10, 14, 20, "joy", ""), ev("c", 11, 14, 20, "joy", ""),
                ev("a", 40, 44, 50, "fear", ""), ev("b", 40, 44, 50, "fear", ""), ev("c", 40, 43, 50, "sad", ""),
                ev("a", 70, 74, 80, "sad", ""), ev("b", 70, 74, 80, "sad", ""), // c did not mark it
                ev("c", 300, 303, 310, "joy", "")); // nobody else did: no unit
        Agreement.Report r = Agreement.of(List.of(new Agreement.ClipEvents("c.mp4", 30, events)), List.of(), false);
        assertEquals(3, r.pairs().size());
        assertEquals(2, r.fleissKappa().n(), "Fleiss: only units all three labelled");
        assertEquals(3, r.krippendorffAlpha().n(), "Krippendorff: the unit c missed counts too");
        // by hand: units {joy,joy,joy}, {fear,fear,sad}, {sad,sad}: o(joy,joy) 3, o(fear,fear) 1, o(fear,sad) 1,
        // o(sad,fear) 1, o(sad,sad) 2 (1/2 each of 2 ordered pairs in the 3-unit is 1; 2 in the pair unit): n = 8
        // n_joy 3, n_fear 2, n_sad 3: alpha = 1 - 7 * 2 / (2*(3*2 + 3*3 + 2*3)) = 1 - 14/42
        assertEquals(1 - 14 / 42.0, r.krippendorffAlpha().value(), 1e-9);
    }

    @Test
    void oneCoderAndNoMatchesAreSaidNotNaN() {
        List<Event> one = List.of(ev("a", 10, 14, 20, "joy", ""));
        Agreement.Report r = Agreement.of(List.of(new Agreement.ClipEvents("c.mp4", 30, one)), List.of(), false);
        assertTrue(r.pairs().isEmpty());
        assertNull(r.fleissKappa().value());
        assertTrue(r.fleissKappa().note().contains("one coder"));

        List<Event> apart = List.of(ev("a", 10, 14, 20, "joy", ""), ev("b", 100, 104, 110, "joy", ""));
        Agreement.Pair p = Agreement.of(List.of(new Agreement.ClipEvents("c.mp4", 30, apart)), List.of(), false).pairs().get(0);
        assertEquals(0, p.matched());
        assertEquals(0.0, p.eventF1());
        assertNull(p.onset().meanAbsFrames());
        assertNull(p.onset().icc().value());
        assertNull(p.labelKappa().value());
        assertNull(p.auReliability().value());
    }

    @Test
    void consensusIsLeftOutUnlessNamed() {
        List<Event> events = List.of(ev("a", 10, 14, 20, "joy", ""), ev("b", 10, 14, 20, "joy", ""),
                ev(Agreement.CONSENSUS, 10, 14, 20, "joy", ""));
        assertEquals(List.of("a", "b"), Agreement.of(List.of(new Agreement.ClipEvents("c", 30, events)), List.of(), false).annotators());
        assertEquals(3, Agreement.of(List.of(new Agreement.ClipEvents("c", 30, events)), List.of("a", "b", "consensus"), false)
                .pairs().size());
    }
}
