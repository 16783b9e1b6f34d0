package dev.glimpse.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextInputDialog;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Every question the window asks the user, behind one interface (JabRef's DialogService): the window
 * stays testable headless, where tests answer in place of native file choosers.
 */
public interface Dialogs {

    /** A file to open; {@code extensions} like {@code "*.mp4"}, all of them in one filter named {@code kind}. */
    Optional<Path> openFile(String title, String kind, List<String> extensions);

    Optional<Path> openFolder(String title);

    /** A file to write, suggested name given. */
    Optional<Path> saveFile(String title, String suggestedName, String kind, List<String> extensions);

    void error(String header, String text);

    /** Asks for a line of text, {@code initial} filled in; empty when the user cancels. */
    Optional<String> askText(String header, String text, String initial);

    /** Asks a yes/no question; true for {@code yes}. */
    boolean confirm(String header, String text, String yes, String no);

    /** The real dialogs, owned by {@code owner}; files are saved starting in the user's documents. */
    static Dialogs of(Window owner) {
        return of(owner, () -> null);
    }

    /**
     * The real dialogs, owned by {@code owner}; a file is saved starting in {@code folder} (the open project's),
     * or in the user's documents when it gives none, never in the folder the program was started from.
     */
    static Dialogs of(Window owner, java.util.function.Supplier<Path> folder) {
        return new Dialogs() {
            private void startIn(FileChooser c) {
                Path start = folder.get();
                if (start == null || !java.nio.file.Files.isDirectory(start)) {
                    Path home = Path.of(System.getProperty("user.home"));
                    start = java.nio.file.Files.isDirectory(home.resolve("Documents")) ? home.resolve("Documents") : home;
                }
                c.setInitialDirectory(start.toFile());
            }

            @Override
            public Optional<Path> openFile(String title, String kind, List<String> extensions) {
                FileChooser c = new FileChooser();
                c.setTitle(title);
                c.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(kind, extensions),
                        new FileChooser.ExtensionFilter("All files", "*"));
                return Optional.ofNullable(c.showOpenDialog(owner)).map(File::toPath);
            }

            @Override
            public Optional<Path> openFolder(String title) {
                DirectoryChooser c = new DirectoryChooser();
                c.setTitle(title);
                return Optional.ofNullable(c.showDialog(owner)).map(File::toPath);
            }

            @Override
            public Optional<Path> saveFile(String title, String suggestedName, String kind, List<String> extensions) {
                FileChooser c = new FileChooser();
                c.setTitle(title);
                c.setInitialFileName(suggestedName);
                startIn(c);
                c.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, extensions));
                return Optional.ofNullable(c.showSaveDialog(owner)).map(File::toPath);
            }

            @Override
            public void error(String header, String text) {
                Alert a = new Alert(Alert.AlertType.ERROR, text);
                a.initOwner(owner);
                a.setHeaderText(header);
                a.showAndWait();
            }

            @Override
            public Optional<String> askText(String header, String text, String initial) {
                TextInputDialog d = new TextInputDialog(initial);
                d.initOwner(owner);
                d.setHeaderText(header);
                d.setContentText(text);
                return d.showAndWait();
            }

            @Override
            public boolean confirm(String header, String text, String yes, String no) {
                ButtonType y = new ButtonType(yes, ButtonBar.ButtonData.YES);
                ButtonType n = new ButtonType(no, ButtonBar.ButtonData.NO);
                Alert a = new Alert(Alert.AlertType.CONFIRMATION, text, y, n);
                a.initOwner(owner);
                a.setHeaderText(header);
                return a.showAndWait().orElse(n) == y;
            }
        };
    }
}
