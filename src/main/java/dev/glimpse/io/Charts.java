package dev.glimpse.io;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The charts of Glimpse's reports (evaluation, calibration, agreement), drawn by JFreeChart headless, in one look:
 * white ground, the house's blue and orange, text antialiased.
 */
public final class Charts {
    public static final Color BLUE = new Color(47, 109, 179);
    public static final Color ORANGE = new Color(240, 150, 40);
    public static final Color GREY = new Color(160, 160, 160);

    private Charts() {}

    /**
     * A matrix of counts as a grid read from the top left (rows down the side, columns along the bottom), each cell
     * shaded by its share of its row and its count written in: a confusion matrix.
     */
    public static JFreeChart matrix(String title, List<String> rows, List<String> columns, int[][] counts,
                                    String rowAxis, String columnAxis) {
        int nr = rows.size();
        int nc = columns.size();
        double[] xs = new double[nr * nc];
        double[] ys = new double[nr * nc];
        double[] zs = new double[nr * nc];
        for (int r = 0; r < nr; r++) {
            int total = 0;
            for (int v : counts[r]) {
                total += v;
            }
            for (int c = 0; c < nc; c++) {
                xs[r * nc + c] = c;
                ys[r * nc + c] = r;
                zs[r * nc + c] = total == 0 ? 0 : counts[r][c] / (double) total;
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("share of the row", new double[][] {xs, ys, zs});
        SymbolAxis x = new SymbolAxis(columnAxis, columns.toArray(new String[0]));
        SymbolAxis y = new SymbolAxis(rowAxis, rows.toArray(new String[0]));
        y.setInverted(true);
        XYBlockRenderer renderer = new XYBlockRenderer();
        LookupPaintScale scale = new LookupPaintScale(0, 1.0001, Color.WHITE);
        for (int k = 0; k <= 20; k++) {
            float share = k / 20f;
            scale.add(share, new Color(1 - 0.78f * share, 1 - 0.47f * share, 1 - 0.30f * share));
        }
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        for (int r = 0; r < nr; r++) {
            for (int c = 0; c < nc; c++) {
                XYTextAnnotation count = new XYTextAnnotation(Integer.toString(counts[r][c]), c, r);
                count.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
                plot.addAnnotation(count);
            }
        }
        if (nr == 0 || nc == 0) {
            plot.setNoDataMessage("nothing to count");
            x.setVisible(false);
            y.setVisible(false);
        }
        return finish(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false));
    }

    /** Bars of several series side by side per category (e.g. accuracy and UF1 per fold), values from 0 to {@code max}. */
    public static JFreeChart bars(String title, List<String> categories, Map<String, double[]> series, String valueAxis,
                                  double max) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Map.Entry<String, double[]> s : series.entrySet()) {
            for (int k = 0; k < categories.size(); k++) {
                data.addValue(s.getValue()[k], s.getKey(), categories.get(k));
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(title, null, valueAxis, data, PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.getRangeAxis().setRange(0, max);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        BarRenderer bars = (BarRenderer) plot.getRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        Color[] colours = {BLUE, ORANGE, GREY};
        for (int k = 0; k < series.size(); k++) {
            bars.setSeriesPaint(k, colours[k % colours.length]);
        }
        return finish(chart);
    }

    /** The chart drawn on a white image of {@code width} x {@code height}. */
    public static BufferedImage image(JFreeChart chart, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Writes {@code image} as a PNG beside {@code file} and moves it into place: nothing half-written. */
    public static Path writePng(BufferedImage image, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            if (!ImageIO.write(image, "png", tmp.toFile())) {
                throw new IOException(file + ": no PNG writer");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }

    /** A dashed grey stroke, for a reference line (the diagonal of a reliability diagram). */
    public static BasicStroke dashed() {
        return new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1, new float[] {5, 4}, 0);
    }

    private static JFreeChart finish(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        return chart;
    }
}
