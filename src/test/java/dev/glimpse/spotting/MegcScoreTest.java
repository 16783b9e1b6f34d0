package dev.glimpse.spotting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The MEGC scorer on cases worked out by hand. */
class MegcScoreTest {
    static TrueInterval truth(String kind, int onset, int offset) {
        return new TrueInterval("s1", "v", kind, onset, -1, offset);
    }

    static Proposal proposal(String kind, int onset, int offset) {
        return new Proposal(onset, onset, offset, 1, kind);
    }

    @Test
    void iouCountsFramesInclusively() {
        assertEquals(1.0 / 3, MegcScore.iou(10, 19, 15, 24), 1e-12); // 5 shared of 15
        assertEquals(1.0, MegcScore.iou(10, 10, 10, 10), 1e-12);
        assertEquals(0.0, MegcScore.iou(10, 19, 20, 29), 1e-12);
        assertEquals(0.5, MegcScore.iou(10, 19, 12, 25), 1e-12); // 8 shared of 16: exactly the threshold
    }

    @Test
    void aProposalOverlappingTwoTrueIntervalsHitsOneAndTheOtherIsMissed() {
        MegcScore.Video v = MegcScore.video("v", List.of(truth("micro", 10, 19), truth("micro", 20, 29)),
                List.of(proposal("micro", 12, 25)));
        assertEquals(new MegcScore.Counts(1, 2, 1), v.micro());
        assertEquals(List.of("v 10 19 12 25 TP", "v 20 29 - - FN"), v.matches().stream().map(MegcScore.Match::line).toList());
    }

    @Test
    void aTrueIntervalIsMatchedOnlyOnceAndKindsDoNotMix() {
        MegcScore.Video v = MegcScore.video("v", List.of(truth("micro", 10, 19), truth("macro", 100, 159)),
                List.of(proposal("micro", 10, 19), proposal("micro", 11, 19), proposal("micro", 100, 159)));
        assertEquals(new MegcScore.Counts(1, 1, 3), v.micro(), "the second proposal finds its interval taken");
        assertEquals(new MegcScore.Counts(0, 1, 0), v.macro(), "a micro proposal does not hit a macro interval");
        assertEquals(List.of("v 10 19 10 19 TP", "v - - 11 19 FP", "v - - 100 159 FP", "v 100 159 - - FN"),
                v.matches().stream().map(MegcScore.Match::line).toList());
    }

    @Test
    void f1IsPooledOverTheWholeSetNotAveragedOverVideos() {
        MegcScore.Video perfect = MegcScore.video("a", List.of(truth("micro", 10, 19)), List.of(proposal("micro", 10, 19)));
        MegcScore.Video poor = MegcScore.video("b", List.of(truth("micro", 10, 19)),
                List.of(proposal("micro", 40, 49), proposal("micro", 60, 69), proposal("micro", 80, 89)));
        MegcScore.Counts total = MegcScore.total(List.of(perfect, poor), "micro");
        assertEquals(new MegcScore.Counts(1, 2, 4), total);
        assertEquals(2.0 / 6, total.f1(), 1e-12); // 2A / (M + N); the mean of per-video F1 would be 0.5
        assertEquals(0.25, total.precision(), 1e-12);
        assertEquals(0.5, total.recall(), 1e-12);
        assertEquals(0, new MegcScore.Counts(0, 0, 0).f1());
    }
}
