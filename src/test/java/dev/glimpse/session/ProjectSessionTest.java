package dev.glimpse.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glimpse.analysis.Analysis;
import dev.glimpse.annotation.ActionUnit;
import dev.glimpse.annotation.Clip;
import dev.glimpse.annotation.Event;
import dev.glimpse.annotation.SavedAnalysis;
import dev.glimpse.clip.VideoFileWriter;
import dev.glimpse.testing.Barcode;
import dev.glimpse.testing.Frames;
import dev.glimpse.testing.TinyWeights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The use cases the window and the command line share, without a window: open, code, analyse, reopen. */
class ProjectSessionTest {

    /** Answers the relinking question with a path given beforehand, and keeps what it was told. */
    static final class Answers implements ProjectSession.Relinking {
        Path answer;
        final List<String> told = new ArrayList<>();
        Clip asked;

        @Override
        public Optional<Path> locate(Clip moved) {
            asked = moved;
            return Optional.ofNullable(answer);
        }

        @Override
        public void refused(String header, String text) {
            told.add(header + ": " + text);
        }
    }

    private static Path video(Path file, int frames) throws Exception {
        try (VideoFileWriter w = VideoFileWriter.open(file, 96, 64, 25, 5, VideoFileWriter.Kind.AVI_MJPEG)) {
            for (int n = 0; n < frames; n++) {
                w.write(Barcode.frame(n, 96, 64));
            }
        }
        return file;
    }

    @Test
    void aProjectOpensOnItsLastClipAndAMovedClipIsRelinkedOnlyToTheSameFile(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("study.glimpse");
        Path first = video(dir.resolve("first.avi"), 30);
        Path second = video(dir.resolve("second.avi"), 31);
        try (ProjectSession s = ProjectSession.open(db)) {
            assertTrue(s.lastClip(new Answers()).isEmpty(), "a new project has no clip");
            try (var opened = s.openClip(first).source()) {
                assertEquals(30, opened.frameCount());
            }
            s.openClip(second).source().close();
            s.awaitChecksums();
            assertEquals(List.of(false, false), s.project().clips().all().stream().map(c -> c.sha256().isEmpty()).toList(),
                    "checksums computed in the background");
        }
        try (ProjectSession s = ProjectSession.open(db)) {
            assertEquals(Optional.of(second), s.lastClip(new Answers()));
            assertTrue(s.isFile(Files.createSymbolicLink(dir.resolve("link.glimpse"), db)));
        }
        Path moved = Files.move(second, Files.createDirectories(dir.resolve("moved")).resolve("second.avi"));
        try (ProjectSession s = ProjectSession.open(db)) {
            Answers wrong = new Answers();
            wrong.answer = first; // another clip: refused, nothing relinked
            assertTrue(s.lastClip(wrong).isEmpty());
            assertEquals(second.toString(), wrong.asked.path());
            assertTrue(wrong.told.get(0).startsWith("Not the same clip"), wrong.told.toString());
            Answers right = new Answers();
            right.answer = moved;
            assertEquals(Optional.of(moved), s.lastClip(right));
            assertEquals(moved.toAbsolutePath().toString(), s.project().clips().all().get(1).path());
            // opening the moved file finds its row by path now: still two clips
            s.openClip(moved).source().close();
            assertEquals(2, s.project().clips().all().size());
        }
    }

    @Test
    void codingAnEventIsSavedBeforeItIsReportedAndUndoSaysWhatItUndid(@TempDir Path dir) throws Exception {
        try (ProjectSession s = ProjectSession.open(dir.resolve("c.glimpse"))) {
            ProjectSession.OpenedClip opened = s.openClip(video(dir.resolve("v.avi"), 40));
            opened.source().close();
            Coding coding = s.coding(opened.clip(), "Dr. Rivera");
            assertEquals("onset marked; still to mark: apex (A) offset (F)", coding.mark(Coding.Mark.ONSET, 30));
            coding.mark(Coding.Mark.APEX, 36);
            assertEquals("saved: event 30-36-39 added", coding.mark(Coding.Mark.OFFSET, 39));
            assertEquals(1, s.project().events().of(opened.clip().id()).size());
            assertEquals("saved: apex of event 30-36-39 moved from 36 to 35", coding.mark(Coding.Mark.APEX, 35));
            assertTrue(coding.mark(Coding.Mark.APEX, 29).startsWith("not saved: an event needs onset < apex <= offset"));
            assertEquals("saved: action units AU6B + AU12C", coding.codeActionUnits("AU12C + 6B"));
            assertEquals("saved: happiness", coding.code("casme2-5", "happiness", 0.8, "smiled"));
            Event saved = s.project().events().of(opened.clip().id()).get(0);
            assertEquals(List.of(new ActionUnit("6", "B"), new ActionUnit("12", "C")), saved.actionUnits());
            assertEquals("Dr. Rivera", saved.coder());

            assertEquals("undone: coding of event 30-35-39 (label none -> happiness)", coding.undo());
            assertNull(s.project().events().of(opened.clip().id()).get(0).label());
            assertEquals("undone: action units of event 30-35-39 set to AU6B + AU12C", coding.undo());
            assertEquals("undone: apex of event 30-36-39 moved from 36 to 35", coding.undo());
            assertEquals(36, s.project().events().of(opened.clip().id()).get(0).apex());
            assertEquals("redone: apex of event 30-36-39 moved from 36 to 35", coding.redo());

            String deleted = coding.delete(coding.events().get(0));
            assertTrue(deleted.startsWith("deleted event 30-35-39"), deleted);
            assertTrue(s.project().events().of(opened.clip().id()).isEmpty());
            assertEquals("undone: event 30-35-39 deleted", coding.undo());
            assertEquals(1, s.project().events().of(opened.clip().id()).size(), "the deleted event is back");
        }
    }

    @Test
    void anEventIsAnalysedSavedAndItsSavedAnalysisRecomputedWithTheSameWeights(@TempDir Path dir) throws Exception {
        Path weights = TinyWeights.write(dir.resolve("w"), "tiny", 3);
        Path clip = dir.resolve("face.avi");
        dev.glimpse.testing.Faces.Renderer faces = dev.glimpse.testing.Faces.renderer(20, 128, 96);
        try (VideoFileWriter w = VideoFileWriter.open(clip, 128, 96, 25, 5, VideoFileWriter.Kind.AVI_MJPEG)) {
            for (int n = 0; n < 20; n++) {
                w.write(faces.frame(n));
            }
        }
        Path noFace = Frames.write(dir.resolve("texture"), "img", "jpg", 1, 20, 120, 90, 4);
        try (ProjectSession s = ProjectSession.open(dir.resolve("a.glimpse"));
             AnalysisEngine engine = new AnalysisEngine(weights.toString(), "cpu")) {
            ProjectSession.OpenedClip opened = s.openClip(clip);
            opened.source().close();
            Coding coding = s.coding(opened.clip(), "A");
            Event event = marked(coding, 2, 9, 17);
            Analysing analysing = s.analysing(clip, engine);
            Analysis a = run(engine, () -> analysing.analyseAndSave(event, (f, t) -> { }));
            SavedAnalysis saved = analysing.saved(event).orElseThrow();
            assertEquals(a.probabilities(), saved.probabilities());
            assertEquals(a.weights().sha256(), saved.weightsSha256());
            assertEquals(a.predicted(), saved.predicted());
            assertTrue(saved.face().detected() && saved.face().size() > 0, "the face box is kept with the analysis");
            // and where the network looked, for reports: 0 to 1, its strongest point 1
            SavedAnalysis.Attention looked = saved.attention();
            assertTrue(looked != null && looked.width() > 1 && looked.height() > 1, "the attention is kept");
            assertEquals(1f, looked.values().stream().max(Float::compare).orElseThrow(), 1e-6);
            assertTrue(looked.values().stream().allMatch(v -> v >= 0 && v <= 1));
            assertEquals(a.movement().score(), saved.movementScore(), 1e-9);
            assertEquals(a.movement().threshold(), saved.movementThreshold(), 1e-9);
            Analysis shown = analysing.asAnalysis(event, saved);
            assertTrue(shown.nodes().isEmpty(), "the saved numbers alone, no graph");
            assertEquals(a.movement(), shown.movement(), "and what it knew of the face's movement");
            assertEquals(a.crop().x(), shown.crop().x());

            // no face in the event's frames: no reading, and nothing saved with the event
            ProjectSession.OpenedClip texture = s.openClip(noFace);
            texture.source().close();
            Coding other = s.coding(texture.clip(), "A");
            Event onTexture = marked(other, 2, 9, 17);
            Analysing analysingTexture = s.analysing(noFace, engine);
            Analysis none = run(engine, () -> analysingTexture.analyseAndSave(onTexture, (f, t) -> { }));
            assertFalse(none.faceFound());
            assertTrue(analysingTexture.saved(onTexture).isEmpty(), "no reading kept for an event without a face");
            Analysing.Recomputed again = run(engine, () -> analysing.recompute(event, saved));
            assertEquals(Analysing.Restored.SAME, again.outcome());
            assertFalse(again.analysis().nodes().isEmpty(), "recomputed: the graph is back");
            Analysing.Recomputed moved = run(engine, () -> analysing.recompute(event.withFrames(3, 9, 17), saved));
            assertEquals(Analysing.Restored.CHANGED, moved.outcome(), "an event edited since keeps its saved numbers");
        }
    }

    /** An event marked onset, apex, offset, as the O, A and F keys mark it. */
    private static Event marked(Coding coding, int onset, int apex, int offset) throws Exception {
        coding.mark(Coding.Mark.ONSET, onset);
        coding.mark(Coding.Mark.APEX, apex);
        coding.mark(Coding.Mark.OFFSET, offset);
        return coding.current();
    }

    /** Runs {@code work} on the engine's thread, as the window does, and returns its result. */
    private static <T> T run(AnalysisEngine engine, java.util.concurrent.Callable<T> work) throws Exception {
        Object[] out = new Object[1];
        Exception[] failure = new Exception[1];
        engine.submit(() -> {
            try {
                out[0] = work.call();
            } catch (Exception e) {
                failure[0] = e;
            }
        }).get();
        if (failure[0] != null) {
            throw failure[0];
        }
        @SuppressWarnings("unchecked")
        T result = (T) out[0];
        return result;
    }
}
