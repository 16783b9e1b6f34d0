package dev.glimpse.ui;

import dev.glimpse.openface.OpenFaceCsv;
import dev.glimpse.openface.OpenFaceTracks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * OpenFace's action unit tracks of the open clip (File > Import OpenFace CSV), and which of them the timeline shows
 * (Model > AU tracks...): a coder sees AU12 rise where they mark an apex. Testable without a window.
 */
public final class OpenFaceViewModel {
    /** The most tracks drawn at once: more are unreadable in the band under the timeline. */
    public static final int MAX_SHOWN = 4;
    private final ObjectProperty<OpenFaceTracks> tracks = new SimpleObjectProperty<>();
    private final ObservableList<String> shown = FXCollections.observableArrayList();
    private final ObjectProperty<String> message = new SimpleObjectProperty<>("");

    public ObjectProperty<OpenFaceTracks> tracksProperty() {
        return tracks;
    }

    /** The units drawn under the timeline, in the order asked for. */
    public ObservableList<String> shown() {
        return shown;
    }

    public ObjectProperty<String> messageProperty() {
        return message;
    }

    /**
     * Reads OpenFace's CSV for a clip of {@code frames} frames (off the FX thread: it may be tens of megabytes); throws
     * a message naming the file and the problem when it is not this clip's. Shows AU12 (or the first unit) at first.
     */
    public static OpenFaceTracks read(Path csv, int frames, String clipName) throws IOException {
        return OpenFaceCsv.read(csv, frames, clipName);
    }

    /** Takes tracks read by {@link #read} (on the FX thread). */
    public void set(OpenFaceTracks t) {
        tracks.set(t);
        shown.setAll(t.track("AU12") != null ? "AU12" : t.units().get(0));
        message.set("OpenFace: " + t.units().size() + " action units from " + t.source()
                + (t.failed() > 0 ? " (" + t.failed() + " frames without a face)" : "") + "; showing " + shown.get(0)
                + " (Model > AU tracks... chooses)");
    }

    /** Shows the units named in {@code text} ("AU12, 6, AU04"); a unit the file lacks is said, nothing else changes. */
    public void show(String text) {
        OpenFaceTracks t = tracks.get();
        if (t == null) {
            message.set("no OpenFace tracks: File > Import OpenFace CSV... first");
            return;
        }
        List<String> wanted = new ArrayList<>();
        for (String part : text.split("[,;\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            String unit = OpenFaceTracks.normal(part);
            if (unit == null || t.track(unit) == null) {
                message.set("not shown: '" + (part.length() > 20 ? part.substring(0, 20) + "..." : part) + "' is not one of "
                        + String.join(", ", t.units()));
                return;
            }
            if (!wanted.contains(unit)) {
                wanted.add(unit);
            }
        }
        if (wanted.size() > MAX_SHOWN) {
            message.set("not shown: at most " + MAX_SHOWN + " tracks at once");
            return;
        }
        shown.setAll(wanted);
        message.set(wanted.isEmpty() ? "AU tracks hidden" : "showing " + String.join(", ", wanted));
    }
}
