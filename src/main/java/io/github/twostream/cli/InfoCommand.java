package io.github.twostream.cli;

import java.util.Locale;
import java.util.concurrent.Callable;

import io.github.twostream.volume.Normalization;
import io.github.twostream.volume.PatchGrid;
import io.github.twostream.volume.Volume;
import io.github.twostream.volume.Volumes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Prints what the tool sees in an image: dims, bit depth, normalisation... */
@Command(name = "info", mixinStandardHelpOptions = true,
	description = "Show an EM volume's dimensions, bit depth, calibration, normalisation, patch count and fingerprint.")
public class InfoCommand implements Callable<Integer> {

	static final int PATCH = 64;

	@Parameters(index = "0", paramLabel = "IMAGE",
		description = "TIFF stack, or HDF5 file (FILE.h5 or FILE.h5#/dataset).")
	String image;

	@Override
	public Integer call() {
		try (Volume v = Volumes.open(image)) {
			final Normalization n = v.normalization();
			System.out.println("source:        " + v.source());
			System.out.println("dimensions:    " + v.width() + " x " + v.height() +
				" x " + v.depth() + " (width x height x slices)");
			System.out.println("bit depth:     " + v.bitDepth());
			System.out.println("calibration:   " + v.voxelSize().map(Object::toString)
				.orElse("none (pixels)"));
			System.out.println(String.format(Locale.ROOT,
				"normalisation: 1%% = %.4g, 99.8%% = %.4g", n.low(), n.high()));
			if (v.width() >= PATCH && v.height() >= PATCH) System.out.println(
				"patches:       " + new PatchGrid(v.depth(), v.height(), v.width(),
					PATCH, PATCH).size() + " at " + PATCH + " x " + PATCH + " px");
			else System.out.println("patches:       none (image smaller than " +
				PATCH + " x " + PATCH + ")");
		}
		System.out.println("fingerprint:   " + Volumes.fingerprint(image));
		return 0;
	}
}
