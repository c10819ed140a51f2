package io.github.twostream.fiji;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import ij.io.RoiDecoder;

/** Reads ROI zips in tests. */
final class ViewerZips {

	private ViewerZips() {}

	/** Number of decodable ROIs in a ROI-Manager zip. */
	static int count(final Path zip) throws IOException {
		int n = 0;
		try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
			for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry())
				if (RoiDecoder.openFromByteArray(in.readAllBytes()) != null) n++;
		}
		return n;
	}
}
