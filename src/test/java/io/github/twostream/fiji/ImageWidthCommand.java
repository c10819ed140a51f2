package io.github.twostream.fiji;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;

/** Test command with an ImageJ 1 image input. */
@Plugin(type = Command.class, label = "Image width (test)")
public class ImageWidthCommand extends ContextCommand {

	@Parameter(persist = false)
	private ImagePlus image;

	@Parameter(type = ItemIO.OUTPUT)
	private int width;

	@Override
	public void run() {
		width = image.getWidth();
	}

	/** Its ImageJ 1 twin (test only). */
	public static class Twin extends CommandTwin {

		public Twin() {
			super(ImageWidthCommand.class, "Image width (test)");
		}

		@Override
		protected boolean requiresTensorFlow() {
			return false;
		}
	}
}
