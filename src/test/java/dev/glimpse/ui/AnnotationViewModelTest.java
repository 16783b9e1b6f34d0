package dev.glimpse.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glimpse.annotation.ActionUnit;
import dev.glimpse.session.Coding;
import dev.glimpse.store.Project;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Coding without a window: marks, labels, undo and redo, each a committed change. */
class AnnotationViewModelTest {

    @Test
    void marksLabelsUndoAndRedo(@TempDir Path dir) throws Exception {
        try (Project p = Project.open(dir.resolve("c.glimpse"))) {
            long clip = p.clips().add("/x.mp4", 1, "cc".repeat(32), 30, 100, 64, 64).id();
            AnnotationViewModel vm = new AnnotationViewModel(new Coding(p, clip, "coder"));
            vm.markOnset(5);
            vm.markApex(8);
            assertTrue(p.events().of(clip).isEmpty(), "not saved before the offset");
            vm.markOffset(12);
            assertEquals(1, p.events().of(clip).size());
            vm.code("casme2-5", "disgust", 0.7, "nose wrinkle");
            assertEquals("disgust", p.events().of(clip).get(0).label());
            assertEquals(0.7, p.events().of(clip).get(0).confidence());
            vm.code("casme2-5", "others", 1.5, "");
            assertTrue(vm.messageProperty().get().startsWith("not saved"));
            vm.undo();
            assertNull(p.events().of(clip).get(0).label());
            vm.redo();
            assertEquals("disgust", p.events().of(clip).get(0).label());
            vm.undo();
            vm.undo(); // the event itself
            assertTrue(p.events().of(clip).isEmpty());
            vm.redo();
            assertEquals(1, p.events().of(clip).size());
            assertEquals(8, p.events().of(clip).get(0).apex());
        }
    }

    @Test
    void actionUnitsAreCodedAsAnnotatorsWriteThemAndUndoLikeAnyEdit(@TempDir Path dir) throws Exception {
        try (Project p = Project.open(dir.resolve("au.glimpse"))) {
            long clip = p.clips().add("/x.mp4", 1, "cc".repeat(32), 30, 100, 64, 64).id();
            AnnotationViewModel vm = new AnnotationViewModel(new Coding(p, clip, "coder"));
            vm.codeActionUnits("AU6B");
            assertEquals("mark an event first (O, A, F)", vm.messageProperty().get());
            vm.markOnset(5);
            vm.markApex(8);
            vm.markOffset(12);
            vm.codeActionUnits("AU6B + AU12C");
            assertEquals(List.of(new ActionUnit("6", "B"), new ActionUnit("12", "C")), // FACS order: by number
                    p.events().of(clip).get(0).actionUnits());
            vm.codeActionUnits("AU6B + AU12F"); // no intensity F in FACS
            assertTrue(vm.messageProperty().get().contains("'AU12F' is not an action unit"), vm.messageProperty().get());
            vm.codeActionUnits("AU6 AU6B");
            assertTrue(vm.messageProperty().get().contains("twice"), vm.messageProperty().get());
            assertEquals(2, p.events().of(clip).get(0).actionUnits().size(), "refused text changed nothing");
            vm.undo();
            assertTrue(p.events().of(clip).get(0).actionUnits().isEmpty());
            vm.redo();
            assertEquals(2, p.events().of(clip).get(0).actionUnits().size());
        }
    }

    @Test
    void deletingAnEventIsSavedUndoableAndAHalfMarkedEventIsKnown(@TempDir Path dir) throws Exception {
        try (Project p = Project.open(dir.resolve("d.glimpse"))) {
            long clip = p.clips().add("/x.mp4", 1, "cc".repeat(32), 30, 100, 64, 64).id();
            AnnotationViewModel vm = new AnnotationViewModel(new Coding(p, clip, "coder"));
            vm.markOnset(5);
            assertEquals(List.of(5), java.util.Arrays.stream(vm.pendingMarks()).filter(java.util.Objects::nonNull).toList(),
                    "the onset alone is drawn, though nothing is saved yet");
            vm.markApex(8);
            vm.markOffset(12);
            assertNull(vm.pendingMarks(), "saved: drawn as an event now");
            vm.deleteCurrent();
            assertTrue(p.events().of(clip).isEmpty());
            assertTrue(vm.messageProperty().get().startsWith("deleted event 5-8-12"), vm.messageProperty().get());
            assertTrue(vm.events().isEmpty());
            vm.undo();
            assertEquals(1, p.events().of(clip).size());
            assertEquals("undone: event 5-8-12 deleted", vm.messageProperty().get());
            vm.redo();
            assertTrue(p.events().of(clip).isEmpty());
        }
    }

    /** Moving a boundary (a drag on the timeline) is one saved edit; a move that breaks the order changes nothing. */
    @Test
    void aBoundaryMovedIsSavedUndoableAndARefusedMoveChangesNothing(@TempDir Path dir) throws Exception {
        try (Project p = Project.open(dir.resolve("m.glimpse"))) {
            long clip = p.clips().add("/x.mp4", 1, "cc".repeat(32), 30, 100, 64, 64).id();
            AnnotationViewModel vm = new AnnotationViewModel(new Coding(p, clip, "coder"));
            vm.markOnset(5);
            vm.markApex(8);
            vm.markOffset(12);
            var saved = p.events().of(clip).get(0);
            vm.newEvent(); // another event being coded: the move takes the dragged one, not the current
            vm.move(saved, Coding.Mark.ONSET, 3);
            assertEquals(3, p.events().of(clip).get(0).onset());
            assertEquals("saved: onset of event 5-8-12 moved from 5 to 3", vm.messageProperty().get());
            assertEquals(p.events().of(clip).get(0), vm.currentProperty().get(), "the moved event is the current one");
            vm.move(vm.currentProperty().get(), Coding.Mark.APEX, 20);
            assertTrue(vm.messageProperty().get().startsWith("not saved"), vm.messageProperty().get());
            assertEquals(List.of(3, 8, 12), List.of(p.events().of(clip).get(0).onset(), p.events().of(clip).get(0).apex(),
                    p.events().of(clip).get(0).offset()));
            vm.markOffset(14); // the refused apex was not kept among the marks
            assertEquals(8, p.events().of(clip).get(0).apex());
            assertEquals(14, p.events().of(clip).get(0).offset());
            vm.undo();
            vm.undo();
            assertEquals(5, p.events().of(clip).get(0).onset(), "undone, and saved so");
            assertEquals("undone: onset of event 5-8-12 moved from 5 to 3", vm.messageProperty().get());
        }
    }
}
