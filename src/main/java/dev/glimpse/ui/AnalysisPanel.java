package dev.glimpse.ui;

import dev.glimpse.analysis.Analysis;
import dev.glimpse.analysis.ColorMap;
import java.util.Locale;
import java.util.function.IntConsumer;
import javafx.geometry.Insets;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * What ATM-GCN made of the event: run and cancel, class probabilities beside the annotator's label, the
 * heatmap controls with a legend, and the graph of frame-pair nodes (Global Motion Node on top, edges by
 * weight for the chosen layer Ã^(l), node size by importance; hover for details, click to jump).
 */
final class AnalysisPanel extends VBox {
    private final AnalysisViewModel vm;
    private final IntConsumer jumpToFrame;
    private final BarChart<String, Number> chart = new BarChart<>(axis(new CategoryAxis(), "class (the model's)"),
            axis(new NumberAxis(0, 1, 0.25), "probability"));
    private final Label verdict = new Label();
    private final Canvas graph = new Canvas(220, 110);
    private final ComboBox<Integer> layer = new ComboBox<>();
    private final Tooltip hover = new Tooltip();
    private String annotatorLabel;

    AnalysisPanel(AnalysisViewModel vm, Runnable analyze, IntConsumer jumpToFrame) {
        this.vm = vm;
        this.jumpToFrame = jumpToFrame;
        setSpacing(6);
        setPadding(new Insets(6));
        setMinWidth(220);
        Button run = new Button("Analyse event");
        run.setId("analyse");
        run.setFocusTraversable(false);
        run.setOnAction(e -> analyze.run());
        run.disableProperty().bind(vm.runningProperty());
        Button cancel = new Button("Cancel");
        cancel.setFocusTraversable(false);
        cancel.setOnAction(e -> vm.cancel());
        cancel.disableProperty().bind(vm.runningProperty().not());
        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.runningProperty());
        Label result = new Label();
        result.setId("analysis-message");
        result.setWrapText(true);
        result.textProperty().bind(vm.messageProperty());
        verdict.setId("verdict");
        verdict.setWrapText(true);
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        chart.setPrefHeight(145); // tall enough for the axis title "probability" written upright
        chart.setMinHeight(120);
        CheckBox heatmap = new CheckBox("heatmap");
        heatmap.setId("heatmap");
        heatmap.setFocusTraversable(false);
        heatmap.selectedProperty().bindBidirectional(vm.heatmapOnProperty());
        Slider opacity = new Slider(0, 1, 0.5);
        opacity.setId("opacity");
        opacity.setFocusTraversable(false);
        HBox.setHgrow(opacity, Priority.ALWAYS);
        opacity.valueProperty().bindBidirectional(vm.opacityProperty());
        ComboBox<ColorMap> colors = new ComboBox<>();
        colors.getItems().addAll(ColorMap.VIRIDIS, ColorMap.JET, ColorMap.GREY);
        colors.setFocusTraversable(false);
        colors.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(ColorMap m) {
                return m == null ? "" : switch (m) {
                    case VIRIDIS -> "viridis (blue to yellow)";
                    case JET -> "jet (blue to red)";
                    case GREY -> "grey (dark to light)";
                };
            }

            @Override
            public ColorMap fromString(String text) {
                return null; // not editable
            }
        });
        colors.valueProperty().bindBidirectional(vm.colorsProperty());
        Canvas legend = new Canvas(130, 14);
        vm.colorsProperty().addListener((o, a, b) -> drawLegend(legend));
        drawLegend(legend);
        layer.setFocusTraversable(false);
        layer.setPromptText("layer");
        layer.valueProperty().addListener((o, a, b) -> drawGraph());
        graph.setId("graph");
        Tooltip.install(graph, hover);
        graph.setOnMouseMoved(e -> hoverAt(e.getX(), e.getY()));
        graph.setOnMouseClicked(e -> {
            Analysis.Node n = nodeAt(e.getX(), e.getY());
            if (n != null) {
                jumpToFrame.accept(n.frame());
            }
        });
        vm.resultProperty().addListener((o, a, r) -> showResult(r));
        Button help = new Button("?");
        help.setId("analysis-help");
        help.setFocusTraversable(false);
        help.setOnAction(e -> {
            javafx.scene.control.Alert about = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.INFORMATION,
                    WHAT_THIS_IS);
            about.setHeaderText("What this analysis is, and is not");
            about.getDialogPane().setMinWidth(460);
            about.show();
        });
        Label graphLegend = new Label("node: onset + frame pair (top: the apex's) · size: reliance · edge: weight");
        graphLegend.setId("graph-legend");
        graphLegend.setStyle("-fx-font-size: 10px;");
        graphLegend.setTooltip(new Tooltip("Nodes: pairs of the onset with each later sampled frame, the apex's pair (the"
                + " Global Motion Node) on top; size: how much the network relied on it. Edges: motion guided weights"
                + " of the layer chosen; colour: weight (viridis, low to high). Click a node to see its frame."));
        getChildren().addAll(new HBox(6, run, cancel, help), progress, result, chart, verdict,
                new HBox(6, heatmap, colors), new HBox(6, new Label("overlay opacity"), opacity),
                new HBox(4, new Label("less attention"), legend, new Label("more")),
                new HBox(6, new Label("graph layer"), layer), graph, graphLegend);
    }

    /** The paragraph behind the "?" button. */
    static final String WHAT_THIS_IS = "ATM-GCN is a research model of micro-expression recognition. It reads how the"
            + " face moves between the onset and the later frames of the interval you marked, and gives the"
            + " probability of each of the classes it was trained on. It is not a diagnosis, and it does not know what"
            + " a person feels: it has no neutral class (a still face still gets one of its classes, which is why"
            + " Glimpse says when it sees no clear movement), it cannot read a face it does not find, and weights"
            + " trained on synthetic data carry no information about real faces. The heatmap shows where the first"
            + " attention block looked; the graph, which frame pairs the network weighed. Use it as a second look"
            + " beside your own coding, never instead of it.";

    private static <A extends javafx.scene.chart.Axis<?>> A axis(A axis, String label) {
        axis.setLabel(label);
        return axis;
    }

    void setAnnotatorLabel(String label) {
        annotatorLabel = label;
        showVerdict(vm.resultProperty().get());
    }

    private void showResult(Analysis r) {
        chart.getData().clear();
        layer.getItems().clear();
        if (r == null) {
            return;
        }
        XYChart.Series<String, Number> s = new XYChart.Series<>();
        for (int c = 0; c < r.classes().size(); c++) {
            s.getData().add(new XYChart.Data<>(r.classes().get(c), r.probabilities().get(c)));
        }
        chart.getData().add(s);
        for (int l = 0; l < r.adjacency().size(); l++) {
            layer.getItems().add(l);
        }
        if (!layer.getItems().isEmpty()) {
            layer.setValue(0);
        }
        showVerdict(r);
        drawGraph();
    }

    private void showVerdict(Analysis r) {
        if (r == null) {
            verdict.setText("");
            return;
        }
        verdict.setText("ATM-GCN: " + r.predicted() + (r.weights().trained() ? "" : " (untrained)") + " · annotator: "
                + (annotatorLabel == null ? "no label yet" : annotatorLabel + modelClassOf(annotatorLabel, r.classes())));
    }

    /**
     * The coder's label in the model's classes ("happiness -> positive"), by the class scheme whose classes are
     * the model's; empty when the label is one of them already or no scheme maps it.
     */
    static String modelClassOf(String label, java.util.List<String> classes) {
        if (label == null || classes.contains(label)) {
            return "";
        }
        for (String name : dev.glimpse.dataset.ClassScheme.NAMES) {
            dev.glimpse.dataset.ClassScheme scheme = dev.glimpse.dataset.ClassScheme.named(name);
            if (scheme.classes().equals(classes)) {
                java.util.Optional<String> mapped = scheme.classOf(label);
                if (mapped.isPresent()) {
                    return " -> " + mapped.get();
                }
            }
        }
        return " (not one of the model's classes)";
    }

    private void drawLegend(Canvas c) {
        GraphicsContext g = c.getGraphicsContext2D();
        for (int x = 0; x < c.getWidth(); x++) {
            int rgb = vm.colorsProperty().get().rgb(x / (c.getWidth() - 1));
            g.setFill(Color.rgb((rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255));
            g.fillRect(x, 0, 1, c.getHeight());
        }
    }

    /** Node k's centre: local nodes along a row in temporal order, the Global Motion Node above its place. */
    private double[] centre(Analysis r, Analysis.Node n) {
        double w = graph.getWidth();
        int count = r.nodes().size();
        double x = 12 + n.index() * (w - 24) / Math.max(1, count - 1);
        return new double[] {x, n.global() ? 22 : 82};
    }

    private void drawGraph() {
        GraphicsContext g = graph.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, graph.getWidth(), graph.getHeight());
        Analysis r = vm.resultProperty().get();
        if (r == null || r.adjacency().isEmpty() || layer.getValue() == null) {
            return;
        }
        Analysis.Matrix m = r.adjacency().get(layer.getValue());
        double max = 0;
        for (double v : m.values()) {
            max = Math.max(max, v);
        }
        for (int i = 0; i < m.size(); i++) {
            for (int j = 0; j < m.size(); j++) {
                double v = m.get(i, j);
                if (i == j || v <= 0) {
                    continue;
                }
                double[] a = centre(r, r.nodes().get(i));
                double[] b = centre(r, r.nodes().get(j));
                int rgb = ColorMap.VIRIDIS.rgb(v / max);
                g.setStroke(Color.rgb((rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255, 0.8));
                g.setLineWidth(0.5 + 3 * v / max);
                if (a[1] == b[1]) {
                    // between two local nodes: an arc below the row, so that it is not hidden by the row
                    g.beginPath();
                    g.moveTo(a[0], a[1]);
                    g.quadraticCurveTo((a[0] + b[0]) / 2, a[1] + 12 + 4 * Math.abs(i - j), b[0], b[1]);
                    g.stroke();
                } else {
                    g.strokeLine(a[0], a[1], b[0], b[1]);
                }
            }
        }
        double top = r.nodes().stream().mapToDouble(Analysis.Node::importance).max().orElse(1);
        for (Analysis.Node n : r.nodes()) {
            double[] c = centre(r, n);
            double radius = 3 + 6 * n.importance() / top;
            g.setFill(n.global() ? Color.web("#d8572a") : Color.web("#2f5d8a"));
            g.fillOval(c[0] - radius, c[1] - radius, 2 * radius, 2 * radius);
        }
    }

    /** The node under (x, y), if any. */
    Analysis.Node nodeAt(double x, double y) {
        Analysis r = vm.resultProperty().get();
        if (r == null) {
            return null;
        }
        for (Analysis.Node n : r.nodes()) {
            double[] c = centre(r, n);
            if (Math.hypot(c[0] - x, c[1] - y) <= 9) {
                return n;
            }
        }
        return null;
    }

    /** Where node {@code index} is drawn (for tests and for keyboard users' focus rings later). */
    double[] nodeCentre(int index) {
        Analysis r = vm.resultProperty().get();
        return centre(r, r.nodes().get(index));
    }

    private void hoverAt(double x, double y) {
        Analysis.Node n = nodeAt(x, y);
        Analysis r = vm.resultProperty().get();
        if (n == null || r == null || layer.getValue() == null) {
            hover.setText("");
            return;
        }
        Analysis.Matrix m = r.adjacency().get(layer.getValue());
        double incoming = 0;
        for (int i = 0; i < m.size(); i++) {
            incoming += m.get(i, n.index());
        }
        hover.setText(String.format(Locale.ROOT, "frame %d%s%nimportance %.3f%nincoming weight %.3f", n.frame(),
                n.global() ? " (Global Motion Node)" : "", n.importance(), incoming));
    }
}
