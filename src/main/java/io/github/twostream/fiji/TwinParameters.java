package io.github.twostream.fiji;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.scijava.Context;
import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.module.Module;
import org.scijava.module.ModuleException;
import org.scijava.module.ModuleItem;
import org.scijava.service.Service;

import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.GenericDialog;
import io.github.twostream.util.UserException;

/**
 * The inputs of a SciJava command, read the ImageJ 1 way: from macro options
 * ({@link Macro#getValue}) or from a {@link GenericDialog} (which records
 * itself for the macro recorder).
 * <p>
 * Derived from the command's {@code @Parameter} fields, so a twin needs no
 * parameter list of its own: services, the context and invisible items are
 * skipped; field initialisers are the defaults.
 * </p>
 */
public final class TwinParameters {

	private final List<TwinParameter> params;

	public TwinParameters(final List<TwinParameter> params) {
		this.params = List.copyOf(params);
		checkKeys();
	}

	/** The twin parameters of {@code command}'s inputs. */
	public static TwinParameters of(final Class<? extends Command> command) {
		final CommandInfo info = new CommandInfo(command);
		final Module defaults;
		try {
			defaults = info.createModule();
		}
		catch (final ModuleException e) {
			throw new IllegalStateException("Cannot instantiate " + command, e);
		}
		final List<TwinParameter> list = new ArrayList<>();
		for (final ModuleItem<?> item : info.inputs()) {
			final Class<?> type = item.getType();
			if (Service.class.isAssignableFrom(type) || Context.class
				.isAssignableFrom(type)) continue;
			if (item.getVisibility() == ItemVisibility.INVISIBLE || item
				.getVisibility() == ItemVisibility.MESSAGE) continue;
			final List<String> choices = new ArrayList<>();
			if (type.isEnum()) for (final Object c : type.getEnumConstants())
				choices.add(c.toString());
			else if (item.getChoices() != null) for (final Object c : item
				.getChoices())
				choices.add(String.valueOf(c));
			list.add(new TwinParameter(item.getName(), type, item.isRequired(), item
				.getValue(defaults), item.getWidgetStyle(), choices, item
					.getDescription()));
		}
		return new TwinParameters(list);
	}

	public List<TwinParameter> list() {
		return params;
	}

	/**
	 * Reads the inputs from macro options ({@code key=value key=[a value] flag}).
	 * Booleans follow GenericDialog: a bare key is true, absence false.
	 *
	 * @throws UserException naming the missing required keys
	 */
	public Map<String, Object> fromMacro(final String options, final String title) {
		final Map<String, Object> values = new LinkedHashMap<>();
		final List<String> missing = new ArrayList<>();
		final String opts = options == null ? "" : options;
		for (final TwinParameter p : params) {
			if (p.isBoolean()) {
				final String v = Macro.getValue(opts, p.key(), null);
				values.put(p.key(), v != null ? Boolean.valueOf(v) : hasFlag(opts, p
					.key()));
				continue;
			}
			final String v = Macro.getValue(opts, p.key(), null);
			if (v == null || v.isEmpty()) {
				if (p.isImage()) {
					final ImagePlus current = WindowManager.getCurrentImage();
					if (current != null) values.put(p.key(), current);
					else if (p.required()) missing.add(p.key());
				}
				else if (p.required()) missing.add(p.key());
				else if (p.defaultValue() != null) values.put(p.key(), p
					.defaultValue());
				continue;
			}
			values.put(p.key(), convert(p, v));
		}
		if (!missing.isEmpty()) throw new UserException("missing " + String.join(
			", ", missing), "call it as " + usage(title));
		return values;
	}

	/**
	 * Asks for the inputs in a dialog; null if the user cancelled. In a macro,
	 * GenericDialog itself reads the options instead of showing.
	 */
	public Map<String, Object> fromDialog(final String title) {
		final GenericDialog gd = new GenericDialog(title);
		for (final TwinParameter p : params) {
			final String label = p.dialogLabel();
			if (p.isBoolean()) gd.addCheckbox(label, Boolean.TRUE.equals(p
				.defaultValue()));
			else if (p.isImage()) gd.addImageChoice(label, null);
			else if (!p.choices().isEmpty()) gd.addChoice(label, p.choices().toArray(
				new String[0]), p.defaultValue() == null ? p.choices().get(0) : p
					.defaultValue().toString());
			else if (p.isNumber()) gd.addNumericField(label, p.defaultValue() == null
				? 0 : ((Number) p.defaultValue()).doubleValue(), isIntegral(p) ? 0 : 3);
			else if (File.class.equals(p.type()) && p.isDirectory()) gd
				.addDirectoryField(label, p.defaultString(), 40);
			else if (File.class.equals(p.type())) gd.addFileField(label, p
				.defaultString(), 40);
			else gd.addStringField(label, p.defaultString(), 40);
		}
		gd.addHelp(helpHtml(title));
		gd.showDialog();
		if (gd.wasCanceled()) return null;
		final Map<String, Object> values = new LinkedHashMap<>();
		final List<String> missing = new ArrayList<>();
		for (final TwinParameter p : params) {
			final Object v;
			if (p.isBoolean()) v = gd.getNextBoolean();
			else if (p.isImage()) v = gd.getNextImage();
			else if (!p.choices().isEmpty()) v = convert(p, gd.getNextChoice());
			else if (p.isNumber()) v = convert(p, String.valueOf(gd.getNextNumber()));
			else {
				final String s = gd.getNextString().trim();
				v = s.isEmpty() ? null : convert(p, s);
			}
			if (v == null && p.required()) missing.add(p.key());
			if (v != null) values.put(p.key(), v);
		}
		if (!missing.isEmpty()) throw new UserException("missing " + String.join(
			", ", missing), "fill in every required field");
		return values;
	}

	/** The dialog's Help text: each key with its description, a macro call. */
	String helpHtml(final String title) {
		final StringBuilder sb = new StringBuilder("<html><h2>").append(escape(
			title)).append("</h2><ul>");
		for (final TwinParameter p : params)
			sb.append("<li><b>").append(p.key()).append("</b>").append(p
				.required() ? "" : " (optional)").append(": ").append(escape(
					p.description() == null ? "" : p.description())).append("</li>");
		return sb.append("</ul><p>Macro: <code>").append(escape(usage(title)))
			.append("</code></p></html>").toString();
	}

	private static String escape(final String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	/** An example macro call naming every required key. */
	public String usage(final String title) {
		final StringBuilder sb = new StringBuilder();
		for (final TwinParameter p : params) {
			if (!p.required()) continue;
			if (sb.length() > 0) sb.append(' ');
			sb.append(p.key()).append("=").append(p.isNumber() ? "NUMBER" : p
				.isImage() ? "[IMAGE TITLE]" : "[...]");
		}
		return "run(\"" + title + "\", \"" + sb + "\")";
	}

	/** Converts a macro or dialog string to the parameter's type. */
	static Object convert(final TwinParameter p, final String s) {
		final Class<?> t = p.boxed();
		try {
			if (t == String.class) return s;
			if (t == File.class) return new File(s);
			if (t == Boolean.class) return Boolean.valueOf(s);
			if (t == Integer.class) return (int) Math.round(Double.parseDouble(s));
			if (t == Long.class) return Math.round(Double.parseDouble(s));
			if (t == Double.class) return Double.parseDouble(s);
			if (t == Float.class) return Float.parseFloat(s);
			if (p.type().isEnum()) {
				for (final Object c : p.type().getEnumConstants())
					if (c.toString().equalsIgnoreCase(s) || ((Enum<?>) c).name()
						.equalsIgnoreCase(s)) return c;
				throw new UserException(p.key() + "=" + s + " is not a choice",
					"use one of " + p.choices());
			}
			if (ImagePlus.class.isAssignableFrom(t)) {
				final ImagePlus imp = WindowManager.getImage(s);
				if (imp == null) throw new UserException("No open image titled '" + s +
					"' for " + p.key(), "open it first or give another title");
				return imp;
			}
		}
		catch (final NumberFormatException e) {
			throw new UserException(p.key() + "=" + s + " is not a number",
				"give a number, e.g. " + p.key() + "=" + p.defaultString());
		}
		if (!p.choices().isEmpty() && !p.choices().contains(s))
			throw new UserException(p.key() + "=" + s + " is not a choice",
				"use one of " + p.choices());
		throw new IllegalStateException("Unsupported parameter type " + p.type() +
			" of " + p.key() + " (twins support File, String, numbers, booleans, " +
			"enums and ImagePlus)");
	}

	private static boolean isIntegral(final TwinParameter p) {
		final Class<?> t = p.boxed();
		return t == Integer.class || t == Long.class || t == Short.class ||
			t == Byte.class;
	}

	private static boolean clash(final String a, final String b) {
		if (a.equals(b)) return true;
		return a.length() > b.length() && a.endsWith(b) && !Character.isLetter(a
			.charAt(a.length() - b.length() - 1));
	}

	/** GenericDialog's rule for checkboxes: the key appears as a word. */
	private static boolean hasFlag(final String options, final String key) {
		return Arrays.asList(options.trim().split("\\s+")).contains(key);
	}

	/**
	 * NB: {@link Macro#getValue} finds {@code key=} after any non-letter, so
	 * key {@code dir} would also match {@code output_dir=}. Refuse such pairs.
	 */
	private void checkKeys() {
		for (final TwinParameter a : params)
			for (final TwinParameter b : params)
				if (a != b && clash(a.key(), b.key()))
					throw new IllegalStateException("Macro key '" + b.key() +
						"' is a suffix of '" + a.key() + "': ImageJ's Macro.getValue " +
						"would confuse them; rename one");
	}
}
