package dev.glimpse.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glimpse.openface.OpenFaceCsvTestFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing the AU tracks under the timeline, without a window: what a person types is checked. */
class OpenFaceViewModelTest {
    @Test
    void tracksAreChosenByNameAndUnknownOnesAreSaid(@TempDir Path dir) throws Exception {
        OpenFaceViewModel vm = new OpenFaceViewModel();
        vm.show("AU12");
        assertTrue(vm.messageProperty().get().startsWith("no OpenFace tracks"));
        vm.set(OpenFaceViewModel.read(OpenFaceCsvTestFiles.write(dir.resolve("c.csv"), 40), 40, "c.mp4"));
        assertEquals(List.of("AU12"), vm.shown(), "AU12 first: the smile a coder looks for");
        assertTrue(vm.messageProperty().get().contains("17 action units") && vm.messageProperty().get().contains("1 frames"),
                vm.messageProperty().get());
        vm.show("6, au12");
        assertEquals(List.of("AU06", "AU12"), vm.shown());
        vm.show("AU12, AU99");
        assertTrue(vm.messageProperty().get().contains("'AU99' is not one of"), vm.messageProperty().get());
        assertEquals(List.of("AU06", "AU12"), vm.shown(), "refused: nothing changed");
        vm.show("1 2 4 5 6");
        assertTrue(vm.messageProperty().get().contains("at most 4"));
        vm.show("");
        assertTrue(vm.shown().isEmpty());
    }
}
