package io.github.twostream.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.github.twostream.annotation.SliceLabels;
import io.github.twostream.store.Masks;

/**
 * The view's layers without a display: a heatmap rendered once and drawn at
 * the opacity (a layer switch swaps images, an opacity change re-blends), the
 * painted labels on top.
 */
class AnnotationLayersTest {

	static final int W = 32, H = 16;

	@Test
	void heatmapIsRenderedOnceAndBlendedAtTheOpacity() {
		final AnnotationLayers layers = new AnnotationLayers(W, H);
		final float[] v = new float[W * H];
		for (int i = 0; i < v.length; i++)
			v[i] = (i % W) / (float) (W - 1);
		v[0] = Float.NaN;
		final BufferedImage hot = layers.renderHeat(v, 0, 1);
		assertEquals(0, hot.getRGB(0, 0) >>> 24, "NaN is transparent");
		assertEquals(0xff000000 | layers.color(1), hot.getRGB(W - 1, 0),
			"top of the range: the LUT's last colour, opaque");
		final SliceLabels labels = new SliceLabels(W, H);
		layers.setLabels(labels);
		layers.setHeat(hot);
		layers.setOpacity(0.5);
		layers.composeAll();
		// a heatmap over mid-grey at half opacity
		final int top = layers.color(1);
		BufferedImage screen = draw(layers);
		final int c = screen.getRGB(W - 1, 5);
		for (int shift = 0; shift <= 16; shift += 8)
			assertEquals(((top >> shift) & 0xff) * 0.5 + 128 * 0.5, (c >> shift) &
				0xff, 2.0, "channel " + shift);
		assertEquals(0xff808080, screen.getRGB(0, 0), "no heat: the EM");
		// opacity 0: the EM alone, without rendering again
		layers.setOpacity(0);
		screen = draw(layers);
		assertEquals(0xff808080, screen.getRGB(W - 1, 5));
		assertSame(hot, layers.heat());
		// a stroke is composed on top, green over the heat
		layers.setOpacity(0.5);
		labels.stamp(20, 8, 0, Masks.FOREGROUND);
		layers.compose(new io.github.twostream.annotation.Box(20, 8, 21, 9));
		screen = draw(layers);
		final int g = screen.getRGB(20, 8);
		assertTrue(((g >> 8) & 0xff) > ((g >> 16) & 0xff), "green on top: " +
			Integer.toHexString(g));
		assertEquals(screen.getRGB(19, 8), draw(heatOnly(hot)).getRGB(19, 8),
			"the stroke's neighbour: heat only");
		final BufferedImage other = layers.renderHeat(v, -1, 2);
		assertNotSame(hot, other);
		layers.setHeat(other);
		assertTrue(!Arrays.equals(pixels(draw(layers)), pixels(screen)),
			"a switch shows the other image");
	}

	private static AnnotationLayers heatOnly(final BufferedImage hot) {
		final AnnotationLayers l = new AnnotationLayers(W, H);
		l.setHeat(hot);
		l.setOpacity(0.5);
		l.composeAll();
		return l;
	}

	/** The layers over a mid-grey "EM" at magnification 1. */
	private static BufferedImage draw(final AnnotationLayers layers) {
		final BufferedImage screen = new BufferedImage(W, H,
			BufferedImage.TYPE_INT_RGB);
		final Graphics2D g = screen.createGraphics();
		g.setColor(new java.awt.Color(128, 128, 128));
		g.fillRect(0, 0, W, H);
		layers.paint(g, 0, 0, W, H, 0, 0, W, H);
		g.dispose();
		return screen;
	}

	private static int[] pixels(final BufferedImage img) {
		return img.getRGB(0, 0, W, H, null, 0, W);
	}
}
