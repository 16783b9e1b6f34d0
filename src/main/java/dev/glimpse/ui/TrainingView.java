package dev.glimpse.ui;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.IntegerProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The form of {@link TrainingViewModel}: the dataset and recipe, Check / Start / Evaluate / Stop, the run's
 * progress, and "Use these weights" once a training run has finished. Thin: every decision is in the view-model.
 */
final class TrainingView extends VBox {
    TrainingView(TrainingViewModel model, Dialogs dialogs, Consumer<Path> useWeights) {
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        int row = 0;
        ChoiceBox<String> dataset = choice("dataset", TrainingViewModel.datasets());
        dataset.valueProperty().bindBidirectional(model.datasetProperty());
        form.addRow(row++, new Label("Dataset"), dataset);
        form.addRow(row++, new Label("Folder"), pathField("root", model.rootProperty(), () ->
                dialogs.openFolder("The dataset's folder (as the dataset is distributed)")));
        form.addRow(row++, new Label("Annotation sheet"), pathField("sheet", model.sheetProperty(), () ->
                dialogs.openFile("The dataset's annotation sheet (leave empty to find it in the folder)",
                        "Spreadsheets", java.util.List.of("*.xlsx", "*.xls", "*.csv"))));
        ChoiceBox<String> scheme = choice("scheme", TrainingViewModel.schemes());
        scheme.valueProperty().bindBidirectional(model.schemeProperty());
        form.addRow(row++, new Label("Class scheme"), scheme);
        ChoiceBox<String> preset = choice("preset", TrainingViewModel.presets());
        preset.valueProperty().bindBidirectional(model.presetProperty());
        form.addRow(row++, new Label("Preset"), preset);
        form.addRow(row++, new Label("Epochs"), spinner("epochs", model.epochsProperty(), 1, 10_000));
        form.addRow(row++, new Label("Clips per step"), spinner("batch", model.batchProperty(), 1, 256));
        form.addRow(row++, new Label("Seed"), spinner("seed", model.seedProperty(), 0, Integer.MAX_VALUE));
        CheckBox balance = new CheckBox("Weigh classes by inverse frequency (focal loss alpha)");
        balance.setId("balance");
        balance.selectedProperty().bindBidirectional(model.balanceClassesProperty());
        form.addRow(row++, new Label(""), balance);
        form.addRow(row++, new Label("Weights folder"), pathField("out", model.outProperty(), () ->
                dialogs.openFolder("A folder for the trained weights")));
        form.addRow(row++, new Label("Report folder"), pathField("report", model.reportFolderProperty(), () ->
                dialogs.openFolder("A folder for the leave-one-subject-out report")));
        CheckBox resume = new CheckBox("Resume a stopped run (training: from its checkpoint; evaluating: after the finished folds)");
        resume.setId("resume");
        resume.selectedProperty().bindBidirectional(model.resumeProperty());
        form.addRow(row, new Label(""), resume);
        form.disableProperty().bind(model.runningProperty());

        Button check = button("check", "Check dataset", model::check);
        Button start = button("start", "Start training", model::start);
        start.setDefaultButton(true); // Enter starts a run with the form as it is
        Button evaluate = button("evaluate", "Evaluate (leave one subject out)", model::evaluate);
        Button stop = button("stop", "Stop", model::stop);
        Button use = button("use", "Use these weights", () -> useWeights.accept(model.trainedProperty().get()));
        check.disableProperty().bind(model.runningProperty());
        start.disableProperty().bind(model.runningProperty());
        evaluate.disableProperty().bind(model.runningProperty());
        stop.disableProperty().bind(model.runningProperty().not());
        use.disableProperty().bind(model.trainedProperty().isNull().or(model.runningProperty()));
        ProgressBar bar = new ProgressBar();
        bar.setId("training-progress");
        bar.progressProperty().bind(model.progressProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        Label message = new Label();
        message.setId("training-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        javafx.scene.control.ListView<String> folds = new javafx.scene.control.ListView<>(model.foldResults());
        folds.setId("fold-results");
        folds.setPrefHeight(120);
        folds.setPlaceholder(new Label("An evaluation lists its folds here as they finish."));
        setSpacing(10);
        setPadding(new Insets(12));
        getChildren().addAll(form, new HBox(8, check, start, evaluate, stop, use), bar, message, folds);
        setPrefWidth(760);
    }

    private static ChoiceBox<String> choice(String id, java.util.List<String> items) {
        ChoiceBox<String> c = new ChoiceBox<>(FXCollections.observableArrayList(items));
        c.setId(id);
        return c;
    }

    private static Spinner<Integer> spinner(String id, IntegerProperty value, int min, int max) {
        Spinner<Integer> s = new Spinner<>(min, max, value.get());
        s.setId(id);
        s.setEditable(true);
        // a typed number counts when the field loses focus, not only on Enter (JavaFX keeps the old value)
        s.focusedProperty().addListener((obs, was, is) -> {
            if (!is) {
                try {
                    s.commitValue();
                } catch (RuntimeException notANumber) {
                    s.cancelEdit(); // back to the value it had
                }
            }
        });
        s.valueProperty().addListener((obs, old, v) -> {
            if (v != null) {
                value.set(v);
            }
        });
        value.addListener((obs, old, v) -> s.getValueFactory().setValue(v.intValue()));
        return s;
    }

    /** A path shown in a read-only field, chosen with "Choose...", emptied with "Clear". */
    private static Node pathField(String id, ObjectProperty<Path> path, java.util.function.Supplier<Optional<Path>> choose) {
        TextField field = new TextField();
        field.setId(id);
        field.setEditable(false);
        field.textProperty().bind(path.map(Path::toString).orElse(""));
        HBox.setHgrow(field, Priority.ALWAYS);
        Button pick = button(id + "-choose", "Choose...", () -> choose.get().ifPresent(path::set));
        Button clear = button(id + "-clear", "Clear", () -> path.set(null));
        HBox box = new HBox(6, field, pick, clear);
        box.setMinWidth(420);
        return box;
    }

    private static Button button(String id, String text, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }
}
