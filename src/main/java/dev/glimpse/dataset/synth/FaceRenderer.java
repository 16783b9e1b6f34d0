package dev.glimpse.dataset.synth;

import dev.glimpse.clip.FrameImage;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.QuadCurve2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Random;

/**
 * Draws one frame of a synthetic face in a pose, antialiased, so that sub-pixel landmark displacements
 * show as the gradual intensity changes a camera records; then adds sensor noise.
 */
final class FaceRenderer {
    private final SyntheticFace face;
    private final int width;
    private final int height;
    private final double scale;
    private final double originX;
    private final double originY;
    private final double noise;

    /**
     * @param faceSize side of the face crop inside the frame (the face fills a {@code faceSize} square)
     * @param noise sensor noise, standard deviation in grey levels
     */
    FaceRenderer(SyntheticFace face, int width, int height, int faceSize, double noise) {
        this.face = face;
        this.width = width;
        this.height = height;
        this.scale = faceSize / 224.0;
        this.originX = (width - faceSize) / 2.0;
        this.originY = (height - faceSize) / 2.0;
        this.noise = noise;
    }

    FrameImage render(ActionUnit.Pose p, Random noiseRandom) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setColor(face.background);
        g.fillRect(0, 0, width, height);
        AffineTransform t = new AffineTransform();
        t.translate(originX + p.headDx * scale, originY + p.headDy * scale);
        t.scale(scale, scale);
        g.transform(t);
        drawFace(g, p);
        g.dispose();
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        byte[] rgb = new byte[bgr.length];
        for (int k = 0; k < bgr.length; k += 3) {
            for (int c = 0; c < 3; c++) {
                double v = (bgr[k + 2 - c] & 0xff) * p.brightness + noiseRandom.nextGaussian() * noise;
                rgb[k + c] = (byte) SyntheticFace.clamp(v);
            }
        }
        return new FrameImage(width, height, rgb);
    }

    private void drawFace(Graphics2D g, ActionUnit.Pose p) {
        SyntheticFace f = face;
        g.setColor(f.hair);
        g.fill(new Ellipse2D.Double(f.cx - f.faceW * 0.58, f.cy - f.faceH * 0.58, f.faceW * 1.16, f.faceH * 0.9));
        Shape head = new Ellipse2D.Double(f.cx - f.faceW / 2, f.cy - f.faceH / 2, f.faceW, f.faceH);
        g.setColor(f.skin);
        g.fill(head);
        Shape oldClip = g.getClip();
        g.clip(head);
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.35f));
        g.drawImage(f.texture, 0, 0, null);
        g.setComposite(AlphaComposite.SrcOver);
        // fringe of hair over the forehead
        g.setColor(f.hair);
        g.fill(new Ellipse2D.Double(f.cx - f.faceW * 0.55, f.cy - f.faceH * 0.62, f.faceW * 1.1, f.faceH * 0.22));
        // cheeks (AU6 raises them) and chin (AU17 raises, AU26 lowers)
        g.setColor(new Color(215, 110, 100, 60));
        for (int s = -1; s <= 1; s += 2) {
            g.fill(new Ellipse2D.Double(f.cx + s * 40 - 15, f.eyeY + 28 + p.cheekDy - 9, 30, 18));
        }
        g.setColor(new Color(0, 0, 0, 28));
        g.fill(new Ellipse2D.Double(f.cx - 20, f.mouthY + 24 + p.chinDy, 40, 14));
        // shade where a real face has it: eye sockets under the brows, the sides of the nose; it is also
        // the light-and-dark pattern face detectors look for
        for (int s = -1; s <= 1; s += 2) {
            double ex = f.cx + s * f.eyeDx;
            g.setPaint(new java.awt.RadialGradientPaint(new java.awt.geom.Point2D.Double(ex, f.eyeY - 2),
                    (float) (f.eyeW * 1.5), new float[] {0f, 0.6f, 1f},
                    new Color[] {new Color(40, 20, 10, 110), new Color(40, 20, 10, 60), new Color(40, 20, 10, 0)}));
            g.fill(new Ellipse2D.Double(ex - f.eyeW * 1.5, f.eyeY - 2 - f.eyeW * 1.5, f.eyeW * 3, f.eyeW * 3));
            g.setPaint(new java.awt.GradientPaint((float) (f.cx + s * 3), 0f, new Color(40, 20, 10, 0),
                    (float) (f.cx + s * 10), 0f, new Color(40, 20, 10, 50)));
            g.fill(new java.awt.geom.Rectangle2D.Double(s < 0 ? f.cx - 11 : f.cx + 3, f.eyeY + 6, 8, f.noseY - f.eyeY - 4));
        }
        g.setClip(oldClip);

        drawFolds(g, p);
        drawBrows(g, p);
        drawEyes(g, p);
        drawNose(g, p);
        drawMouth(g, p);
    }

    /** Crow's feet (AU6) and the nasolabial folds (AU12, AU10): lines whose darkness follows the intensity. */
    private void drawFolds(Graphics2D g, ActionUnit.Pose p) {
        SyntheticFace f = face;
        if (p.crowsFeet > 0) {
            g.setColor(new Color(60, 30, 20, (int) Math.min(200, 255 * p.crowsFeet)));
            g.setStroke(new BasicStroke(1f));
            for (int s = -1; s <= 1; s += 2) {
                double x = f.cx + s * (f.eyeDx + f.eyeW + 3);
                for (int k = -1; k <= 1; k++) {
                    g.draw(new Line2D.Double(x, f.eyeY + 2 * k, x + s * 7, f.eyeY + 5 * k));
                }
            }
        }
        // the folds are always faintly there; expression deepens them
        double depth = Math.min(1, 0.12 + p.nasolabial);
        g.setColor(new Color(60, 30, 20, (int) (200 * depth)));
        g.setStroke(new BasicStroke(1.2f));
        for (int s = -1; s <= 1; s += 2) {
            double cornerX = f.cx + s * (f.mouthW + p.cornerDx + 3);
            double cornerY = f.mouthY + p.cornerDy;
            g.draw(new QuadCurve2D.Double(f.cx + s * (f.noseW + 2), f.noseY - 2 + p.noseWingDy,
                    f.cx + s * (f.mouthW + 8), (f.noseY + f.mouthY) / 2, cornerX, cornerY));
        }
    }

    private void drawBrows(Graphics2D g, ActionUnit.Pose p) {
        SyntheticFace f = face;
        g.setColor(f.brows);
        g.setStroke(new BasicStroke((float) f.browThick, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int s = -1; s <= 1; s += 2) {
            double innerX = f.cx + s * (f.eyeDx - f.eyeW + 2) - s * p.innerBrowDx;
            double innerY = f.browY + p.innerBrowDy;
            double midX = f.cx + s * f.eyeDx;
            double midY = f.browY - 6 + 2 * p.midBrowDy + (p.innerBrowDy + p.outerBrowDy) * 0.5;
            double outerX = f.cx + s * (f.eyeDx + f.eyeW + 3);
            double outerY = f.browY + 2 + p.outerBrowDy;
            g.draw(new QuadCurve2D.Double(innerX, innerY, midX, midY, outerX, outerY));
        }
    }

    private void drawEyes(Graphics2D g, ActionUnit.Pose p) {
        SyntheticFace f = face;
        double lower = Math.max(0.6, f.eyeH * 0.8 + p.lowerLidDy);
        double upper = f.eyeH - p.upperLidDy;
        double blink = Math.min(1, Math.max(0, p.blink));
        upper = upper * (1 - blink) - lower * 0.8 * blink;
        for (int s = -1; s <= 1; s += 2) {
            double ex = f.cx + s * f.eyeDx;
            Path2D.Double eye = new Path2D.Double();
            eye.moveTo(ex - f.eyeW, f.eyeY);
            eye.quadTo(ex, f.eyeY - 2 * upper, ex + f.eyeW, f.eyeY);
            eye.quadTo(ex, f.eyeY + 2 * lower, ex - f.eyeW, f.eyeY);
            eye.closePath();
            g.setColor(new Color(235, 232, 225));
            g.fill(eye);
            Shape oldClip = g.getClip();
            g.clip(eye);
            double r = f.eyeH * 1.15;
            g.setColor(f.iris);
            g.fill(new Ellipse2D.Double(ex - r, f.eyeY - r, 2 * r, 2 * r));
            g.setColor(Color.BLACK);
            g.fill(new Ellipse2D.Double(ex - r * 0.45, f.eyeY - r * 0.45, r * 0.9, r * 0.9));
            g.setClip(oldClip);
            g.setColor(new Color(40, 25, 20));
            g.setStroke(new BasicStroke(1.6f));
            g.draw(new QuadCurve2D.Double(ex - f.eyeW, f.eyeY, ex, f.eyeY - 2 * upper, ex + f.eyeW, f.eyeY));
            g.setColor(new Color(90, 60, 50, 150));
            g.setStroke(new BasicStroke(0.8f));
            g.draw(new QuadCurve2D.Double(ex - f.eyeW, f.eyeY, ex, f.eyeY + 2 * lower, ex + f.eyeW, f.eyeY));
        }
    }

    private void drawNose(Graphics2D g, ActionUnit.Pose p) {
        SyntheticFace f = face;
        g.setColor(new Color(0, 0, 0, 45));
        g.setStroke(new BasicStroke(1.2f));
        for (int s = -1; s <= 1; s += 2) {
            g.draw(new Line2D.Double(f.cx + s * 5, f.eyeY + 8, f.cx + s * 7, f.noseY - 8 + p.noseWingDy * 0.5));
            g.draw(new QuadCurve2D.Double(f.cx + s * (f.noseW - 2), f.noseY - 6 + p.noseWingDy,
                    f.cx + s * (f.noseW + 3), f.noseY + p.noseWingDy, f.cx + s * (f.noseW - 4), f.noseY + 4 + p.noseWingDy));
        }
        g.setColor(new Color(40, 20, 15, 200));
        for (int s = -1; s <= 1; s += 2) {
            g.fill(new Ellipse2D.Double(f.cx + s * 5.5 - 2.8, f.noseY + 1 + p.noseWingDy, 5.6, 3.2));
        }
        if (p.wrinkle > 0) {
            g.setColor(new Color(60, 30, 20, (int) Math.min(200, 255 * p.wrinkle)));
            g.setStroke(new BasicStroke(1f));
            for (int k = 0; k < 3; k++) {
                double y = f.eyeY + 9 + 3 * k;
                g.draw(new QuadCurve2D.Double(f.cx - 6, y, f.cx, y - 1.5, f.cx + 6, y));
            }
        }
    }

    private void drawMouth(Graphics2D g, ActionUnit.Pose p) {
        SyntheticFace f = face;
        double thin = Math.max(0.3, 1 - 0.4 * p.lipThin);
        double leftX = f.cx - f.mouthW - p.cornerDx;
        double rightX = f.cx + f.mouthW + p.cornerDx;
        double cornerY = f.mouthY + p.cornerDy;
        double upperInner = f.mouthY + p.upperLipDy * 0.6;
        double lowerInner = f.mouthY + p.jawDrop + p.lowerLipDy * 0.6;
        double upperOuter = upperInner - f.lipUpper * thin + p.upperLipDy * 0.4;
        double lowerOuter = lowerInner + f.lipLower * thin + p.lowerLipDy * 0.4;
        // quadratic curves through both corners whose middle passes through the given height
        if (lowerInner - upperInner > 0.2) {
            g.setColor(new Color(60, 20, 20));
            g.fill(lens(leftX, rightX, cornerY, upperInner, lowerInner));
        }
        g.setColor(f.lips);
        g.fill(lens(leftX, rightX, cornerY, upperOuter, upperInner));
        g.fill(lens(leftX, rightX, cornerY, lowerInner, lowerOuter));
        g.setColor(new Color(70, 30, 30, 200));
        g.setStroke(new BasicStroke(1.1f));
        g.draw(new QuadCurve2D.Double(leftX, cornerY, f.cx, 2 * upperInner - cornerY, rightX, cornerY));
        if (p.dimple > 0) {
            g.setColor(new Color(60, 30, 25, (int) Math.min(180, 255 * p.dimple)));
            for (int s = -1; s <= 1; s += 2) {
                double x = s < 0 ? leftX - 5 : rightX + 5;
                g.fill(new Ellipse2D.Double(x - 1.5, cornerY - 1.5, 3, 3));
            }
        }
    }

    /** The region between two curves from corner to corner, through heights {@code top} and {@code bottom} at the middle. */
    private Shape lens(double leftX, double rightX, double cornerY, double top, double bottom) {
        double mid = (leftX + rightX) / 2;
        Path2D.Double s = new Path2D.Double();
        s.moveTo(leftX, cornerY);
        s.quadTo(mid, 2 * top - cornerY, rightX, cornerY);
        s.quadTo(mid, 2 * bottom - cornerY, leftX, cornerY);
        s.closePath();
        return s;
    }
}
