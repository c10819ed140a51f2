package io.github.twostream.fiji;

import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.app.event.StatusEvent;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.event.EventHandler;
import org.scijava.event.EventService;
import org.scijava.event.EventSubscriber;
import org.scijava.log.LogLevel;
import org.scijava.log.LogService;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;
import org.scijava.plugin.DefaultPluginFinder;
import org.scijava.plugin.PluginIndex;
import org.scijava.service.Service;

import ij.IJ;
import ij.Macro;
import ij.macro.Interpreter;
import ij.plugin.PlugIn;
import io.github.twostream.util.CancelledException;
import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/**
 * The ImageJ 1 twin of a SciJava command: what {@code plugins.config} puts in
 * Fiji's menu and what a macro's {@code run("Label", "key=value ...")} calls.
 * <p>
 * A twin reads the command's inputs from the macro options (ImageJ's own
 * {@link Macro#getValue} parsing) or, interactively, from a GenericDialog
 * (which records the call for the macro recorder); headless or in batch mode
 * without options, missing required inputs are a one-line error in the log.
 * It then runs the command through a {@link CommandService}, shows its
 * progress on the ImageJ status bar and cancels it on Esc.
 * </p>
 * <p>
 * A twin is a constructor call: {@code super(MyCommand.class, "Menu label")}.
 * </p>
 */
public abstract class CommandTwin implements PlugIn {

	private final Class<? extends Command> command;
	private final String title;

	/**
	 * @param command the SciJava command to run
	 * @param title the menu label in {@code plugins.config} (for messages)
	 */
	protected CommandTwin(final Class<? extends Command> command,
		final String title)
	{
		this.command = command;
		this.title = title;
	}

	/**
	 * Whether the command uses TensorFlow; if so, an old TF 1.x library on the
	 * classpath stops it with a clear message before it starts.
	 */
	protected boolean requiresTensorFlow() {
		return true;
	}

	/** The services of the context the command runs in. */
	protected List<Class<? extends Service>> services() {
		return List.of(CommandService.class, StatusService.class,
			LogService.class);
	}

	public String title() {
		return title;
	}

	public Class<? extends Command> command() {
		return command;
	}

	/**
	 * Reads the inputs and runs the command, reporting errors ImageJ's way.
	 * <p>
	 * NB: the UI thread never waits on a command (training takes minutes): from
	 * the menu ImageJ calls this on its own command thread, and the command
	 * itself runs on a SciJava worker thread while this one forwards progress
	 * and Esc; called on the event dispatch thread, it moves to a thread of its
	 * own and returns at once.
	 * </p>
	 */
	@Override
	public final void run(final String arg) {
		if (EventQueue.isDispatchThread()) {
			// NB: "Run$_" marks a command thread for ImageJ (Macro.getOptions)
			final Thread t = new Thread(() -> runHere(), "Run$_" + title);
			t.start();
			return;
		}
		runHere();
	}

	private void runHere() {
		IJ.resetEscape();
		try {
			if (requiresTensorFlow()) TensorFlowLibraries.requireCompatible(command
				.getClassLoader());
			final Map<String, Object> inputs = readInputs();
			if (inputs == null) return; // dialog cancelled
			execute(inputs);
			IJ.showStatus(title + ": done");
		}
		catch (final UserException e) {
			fail(e.getMessage());
		}
		catch (final CancelledException e) {
			IJ.showStatus(title + ": cancelled");
			IJ.log(title + ": cancelled");
		}
		finally {
			IJ.showProgress(1.0);
		}
	}

	/** Macro options, a dialog, or (headless) defaults. */
	Map<String, Object> readInputs() {
		final TwinParameters params = TwinParameters.of(command);
		final String options = Macro.getOptions();
		if (options != null) return params.fromMacro(options, title);
		if (!GraphicsEnvironment.isHeadless() && !Interpreter.isBatchMode())
			return params.fromDialog(title);
		return params.fromMacro("", title);
	}

	/**
	 * Runs the command with {@code inputs} and returns its outputs.
	 * <p>
	 * NB: a fresh, minimal {@link Context} per call, disposed afterwards. No
	 * static state, no threads left behind between macro calls, and no
	 * dependence on imagej-legacy (the only way to reach Fiji's shared context
	 * from an ImageJ 1 plugin, and not on Maven Central). It costs a fraction
	 * of a second per call (see docs/notes/fiji.md), negligible next to the
	 * work of our commands. The plugin index is read through this plugin's
	 * class loader: ImageJ 1 loads plugins in its own class loader, which the
	 * thread's context class loader need not see.
	 * </p>
	 */
	public Map<String, Object> execute(final Map<String, Object> inputs) {
		final Progress ij1 = new IJ1Progress();
		try (Context context = new Context(services(), new PluginIndex(
			new DefaultPluginFinder(command.getClassLoader()))))
		{
			// NB: the twin reports the command's exceptions itself (one line for
			// a UserException); SciJava would also log their stack traces.
			context.service(LogService.class).setLevel("org.scijava.module",
				LogLevel.NONE);
			final CommandService commands = context.service(CommandService.class);
			final ModuleService modules = context.service(ModuleService.class);
			final CommandInfo info = commands.getCommand(command);
			if (info == null) throw new IllegalStateException(command.getName() +
				" is not in the SciJava plugin index (META-INF/json)");
			final CommandModule module = (CommandModule) modules.createModule(info);
			for (final Map.Entry<String, Object> e : inputs.entrySet()) {
				module.setInput(e.getKey(), e.getValue());
				module.resolveInput(e.getKey());
			}
			final StatusBridge bridge = new StatusBridge(ij1);
			final List<EventSubscriber<?>> subscribers = context.service(
				EventService.class).subscribe(bridge);
			try {
				await(modules.run(module, true), module);
			}
			finally {
				context.service(EventService.class).unsubscribe(subscribers);
			}
			if (module.isCanceled()) {
				final String reason = module.getCancelReason();
				if (reason == null || reason.startsWith(ESC)) throw new CancelledException();
				throw new UserException(title + ": " + reason, "");
			}
			final Map<String, Object> outputs = new LinkedHashMap<>();
			for (final ModuleItem<?> item : info.outputs())
				outputs.put(item.getName(), item.getValue(module));
			return outputs;
		}
	}

	private static final String ESC = "Esc";

	/** Waits for the command, cancelling it when the user presses Esc. */
	private static void await(final Future<?> future, final CommandModule module) {
		while (true) {
			try {
				future.get(100, TimeUnit.MILLISECONDS);
				return;
			}
			catch (final TimeoutException e) {
				if (IJ.escapePressed() && !module.isCanceled()) module.cancel(ESC +
					" pressed");
			}
			catch (final InterruptedException e) {
				module.cancel(ESC + ": interrupted");
				Thread.currentThread().interrupt();
				throw new CancelledException();
			}
			catch (final ExecutionException e) {
				// NB: ModuleRunner wraps the command's exception ("Module threw
				// exception"); find ours in the cause chain.
				for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
					if (c instanceof UserException u) throw u;
					if (c instanceof CancelledException x) throw x;
				}
				if (e.getCause() instanceof RuntimeException r) throw r;
				throw new IllegalStateException(e.getCause());
			}
		}
	}

	/**
	 * Error: in a macro, a macro error with this message (stops the macro);
	 * else a line in the log and, interactively, a dialog.
	 */
	private void fail(final String message) {
		final String line = title + ": error: " + message;
		final Interpreter interp = Interpreter.getInstance();
		if (interp != null && !interp.done()) {
			// NB: stops the calling macro like a macro error does, so a batch run
			// does not go on with missing results, and the message is shown once.
			interp.abort(line);
			return;
		}
		IJ.log(line);
		if (!GraphicsEnvironment.isHeadless() && !Interpreter.isBatchMode()) IJ
			.error(title, message);
	}

	/** Forwards SciJava status events to ImageJ 1's status and progress bar. */
	public static final class StatusBridge {

		private final Progress target;

		StatusBridge(final Progress target) {
			this.target = target;
		}

		@EventHandler
		public void onEvent(final StatusEvent e) {
			if (e.getStatusMessage() != null && !e.getStatusMessage().isEmpty())
				target.status(e.getStatusMessage());
			if (e.getProgressMaximum() > 0) target.progress(e.getProgressValue(), e
				.getProgressMaximum());
		}
	}
}
