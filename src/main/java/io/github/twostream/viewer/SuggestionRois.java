package io.github.twostream.viewer;

import java.awt.Color;
import java.awt.Font;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.gui.TextRoi;
import ij.io.RoiEncoder;
import io.github.twostream.util.UserException;

/**
 * Suggestions as ImageJ ROIs: numbered rectangles on their slice, an overlay
 * with the numbers, and a ROI-Manager-compatible zip written without a ROI
 * Manager (which needs a display).
 */
public final class SuggestionRois {

	/** Outline colour of suggested patches. */
	public static final Color COLOR = Color.YELLOW;

	private SuggestionRois() {}

	/** The ROI name of a suggestion: "rank: patch id". */
	public static String name(final SuggestionRow r, final int number) {
		return number + ": patch " + (long) r.patchId();
	}

	/**
	 * One rectangle per suggestion, named {@link #name}, numbered 1..n in list
	 * order, positioned on its slice of {@code image}.
	 */
	public static List<Roi> rois(final ImagePlus image,
		final List<SuggestionRow> rows)
	{
		final List<Roi> rois = new ArrayList<>(rows.size());
		int n = 0;
		for (final SuggestionRow r : rows) {
			final Roi roi = new Roi(r.x(), r.y(), r.w(), r.h());
			roi.setName(name(r, ++n));
			roi.setStrokeColor(COLOR);
			position(roi, image, (int) r.z());
			rois.add(roi);
		}
		return rois;
	}

	/** An overlay with the ROIs and their numbers. */
	public static Overlay overlay(final ImagePlus image,
		final List<SuggestionRow> rows)
	{
		final Overlay overlay = new Overlay();
		final Font font = new Font(Font.SANS_SERIF, Font.BOLD, Math.max(12, Math
			.min(image.getWidth(), image.getHeight()) / 40));
		int n = 0;
		for (final Roi roi : rois(image, rows)) {
			final SuggestionRow r = rows.get(n++);
			overlay.add(roi);
			final TextRoi label = new TextRoi(r.x() + 2, r.y() + 1, String.valueOf(
				n), font);
			label.setStrokeColor(COLOR);
			position(label, image, (int) r.z());
			overlay.add(label);
		}
		return overlay;
	}

	/** Writes the ROIs to a zip that the ROI Manager opens. */
	public static Path writeZip(final List<Roi> rois, final Path zip) {
		try {
			Files.createDirectories(zip.toAbsolutePath().getParent());
			try (OutputStream fos = Files.newOutputStream(zip);
					ZipOutputStream zos = new ZipOutputStream(new BufferedOutputStream(
						fos));
					DataOutputStream out = new DataOutputStream(zos))
			{
				// NB: the same layout as RoiManager's "Save": one .roi per entry.
				final RoiEncoder encoder = new RoiEncoder(out);
				int i = 0;
				for (final Roi roi : rois) {
					zos.putNextEntry(new ZipEntry(String.format("%04d-%s.roi", ++i, roi
						.getName().replaceAll("[^A-Za-z0-9]+", "_"))));
					encoder.write(roi);
					out.flush();
				}
			}
			return zip;
		}
		catch (final IOException e) {
			throw new UserException("Cannot write ROI set " + zip + ": " + e
				.getMessage(), "choose a writable output folder", e);
		}
	}

	private static void position(final Roi roi, final ImagePlus image,
		final int z)
	{
		if (image.isHyperStack()) roi.setPosition(0, z + 1, 0);
		else if (image.getStackSize() > 1) roi.setPosition(z + 1);
	}
}
