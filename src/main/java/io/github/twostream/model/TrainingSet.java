package io.github.twostream.model;

import java.util.ArrayList;
import java.util.List;

import io.github.twostream.util.UserException;

/**
 * Labelled square patches for training the task model: normalised row-major
 * intensities ({@code float[channels*size*size]}, planar: the slice's
 * neighbouring sections are further planes, see {@link SectionStack}) with a
 * mask of the slice ({@code byte[size*size]}:
 * {@link #BACKGROUND}, {@link #FOREGROUND} or {@link #IGNORE} for unlabelled
 * pixels). Arrays are kept by reference, not copied.
 */
public final class TrainingSet {

	public static final byte BACKGROUND = 0;
	public static final byte FOREGROUND = 1;
	/** Unlabelled pixel: weight 0 in the loss (byte value 255). */
	public static final byte IGNORE = (byte) 255;

	private final int size;
	private final int channels;
	private final List<float[]> images = new ArrayList<>();
	private final List<byte[]> masks = new ArrayList<>();
	private final List<Integer> withForeground = new ArrayList<>();
	private long foreground, background;

	/** Single-channel (2-D) patches of {@code size x size}. */
	public TrainingSet(final int size) {
		this(size, 1);
	}

	/** Patches of {@code size x size} with {@code channels} image planes. */
	public TrainingSet(final int size, final int channels) {
		if (size < 1) throw new IllegalArgumentException("patch size " + size);
		if (channels < 1) throw new IllegalArgumentException("channels " + channels);
		this.size = size;
		this.channels = channels;
	}

	/** Adds one patch; throws UserException on a wrong size or mask value. */
	public TrainingSet add(final float[] image, final byte[] mask) {
		final int n = size * size;
		if (image.length != n * channels || mask.length != n)
			throw new UserException("training patch has " + image.length +
				" values and mask " + mask.length + ", expected " + n * channels +
				" and " + n + " (" + size + "x" + size + ", " + channels + " planes)",
			"cut training patches at the model's patch size");
		long fg = 0, bg = 0;
		for (final byte m : mask) {
			if (m == FOREGROUND) fg++;
			else if (m == BACKGROUND) bg++;
			else if (m != IGNORE) throw new UserException("mask value " + (m &
				0xff) + " is not 0, 1 or 255",
				"use 0 = background, 1 = foreground, 255 = unlabelled");
		}
		if (fg > 0) withForeground.add(images.size());
		images.add(image);
		masks.add(mask);
		foreground += fg;
		background += bg;
		return this;
	}

	public int size() {
		return size;
	}

	/** Image planes per patch (1 = 2-D). */
	public int channels() {
		return channels;
	}

	public int count() {
		return images.size();
	}

	public float[] image(final int i) {
		return images.get(i);
	}

	public byte[] mask(final int i) {
		return masks.get(i);
	}

	/** Number of labelled foreground pixels. */
	public long foregroundPixels() {
		return foreground;
	}

	/** Indices of the patches with at least one labelled foreground pixel. */
	public int[] withForeground() {
		return withForeground.stream().mapToInt(Integer::intValue).toArray();
	}

	/** Number of labelled background pixels. */
	public long backgroundPixels() {
		return background;
	}
}
