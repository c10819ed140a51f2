package io.github.twostream.viewer;

import ij.ImageListener;
import ij.ImagePlus;
import ij.VirtualStack;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import io.github.twostream.volume.Volume;

/**
 * ImageJ 1 views of {@link Volume}s: a virtual stack that reads (normalised)
 * slices on demand, so a volume larger than memory can be shown and annotated.
 */
public final class VolumeImages {

	private VolumeImages() {}

	/** A virtual 32-bit ImagePlus over the volume's normalised slices. */
	public static ImagePlus virtual(final Volume volume, final String title) {
		final int w = volume.width(), h = volume.height(), d = volume.depth();
		final VirtualStack stack = new VirtualStack(w, h, null, null) {

			@Override
			public ImageProcessor getProcessor(final int n) {
				final FloatProcessor fp = new FloatProcessor(w, h, volume.readSlice(n -
					1, null));
				fp.setMinAndMax(0, 1);
				return fp;
			}

			@Override
			public int getSize() {
				return d;
			}

			@Override
			public String getSliceLabel(final int n) {
				return "z=" + (n - 1);
			}

			@Override
			public int getBitDepth() {
				return 32;
			}
		};
		final ImagePlus imp = new ImagePlus(title, stack);
		imp.setDisplayRange(0, 1);
		return imp;
	}

	/**
	 * Like {@link #virtual}, for an image that outlives its caller (shown in a
	 * window): the image owns {@code volume} and closes it when it is closed.
	 */
	public static ImagePlus owning(final Volume volume, final String title) {
		final ImagePlus imp = virtual(volume, title);
		ImagePlus.addImageListener(new ImageListener() {

			@Override
			public void imageClosed(final ImagePlus closed) {
				if (closed != imp) return;
				ImagePlus.removeImageListener(this);
				volume.close();
			}

			@Override
			public void imageOpened(final ImagePlus opened) {}

			@Override
			public void imageUpdated(final ImagePlus updated) {}
		});
		return imp;
	}
}
