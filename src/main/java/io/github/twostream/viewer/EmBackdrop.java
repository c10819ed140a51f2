package io.github.twostream.viewer;

import java.awt.Component;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.VolatileImage;
import java.util.function.Consumer;

/**
 * The EM as the canvas shows it, kept in a display-side image (a
 * {@link VolatileImage}: an X pixmap under X11) so that a full repaint of
 * the annotation view (a heatmap layer switch, the opacity slider, an accept)
 * copies it on the display side instead of converting and uploading the whole
 * slice again. Rendered again (by ImageJ's own paint) when anything ImageJ
 * draws from changes: slice, view rectangle, zoom, display range, LUT, an
 * image update, or a lost surface.
 */
final class EmBackdrop {

	/** What the EM's pixels on screen depend on. */
	record Key(int slice, Rectangle src, double magnification, int width,
		int height, double min, double max, Object lut)
	{}

	private VolatileImage image;
	private Key key;

	/**
	 * Paints the EM onto g: from the kept image if {@code now} equals the key it
	 * was rendered for (and {@code fresh} is false), else rendered into it first
	 * by {@code render}.
	 */
	void paint(final Graphics g, final Component canvas, final Key now,
		final boolean fresh, final Consumer<Graphics> render)
	{
		for (int attempt = 0; attempt < 2; attempt++) {
			if (image == null || image.getWidth() != now.width() || image
				.getHeight() != now.height())
			{
				if (image != null) image.flush();
				image = canvas.createVolatileImage(now.width(), now.height());
				key = null;
			}
			if (image == null) {
				// NB: not displayable (yet): draw directly
				render.accept(g);
				return;
			}
			final int state = image.validate(canvas.getGraphicsConfiguration());
			if (state != VolatileImage.IMAGE_OK || fresh || !now.equals(key)) {
				final Graphics2D o = image.createGraphics();
				try {
					render.accept(o);
				}
				finally {
					o.dispose();
				}
				key = now;
			}
			g.drawImage(image, 0, 0, null);
			if (!image.contentsLost()) return;
			key = null;
		}
		render.accept(g);
	}

	/** Forgets the kept image (e.g. when the window closes). */
	void flush() {
		if (image != null) image.flush();
		image = null;
		key = null;
	}
}
