package io.github.twostream.fiji;

import java.io.File;
import java.util.List;

import ij.ImagePlus;

/**
 * One input of a SciJava command as its ImageJ 1 twin sees it: the macro key
 * (the command's snake_case field name) and how to ask for it.
 *
 * @param key macro key and field name, e.g. {@code output_dir}
 * @param type the field type ({@link File}, {@link String}, a number,
 *          boolean, an enum or {@link ImagePlus})
 * @param required whether a macro must give it
 * @param defaultValue the field's initial value (may be null)
 * @param style the SciJava widget style ("directory", "save", ...) or null
 * @param choices allowed values of a String choice; empty if free
 * @param description help text
 */
public record TwinParameter(String key, Class<?> type, boolean required,
	Object defaultValue, String style, List<String> choices,
	String description)
{

	/**
	 * The GenericDialog label: the key with a capital first letter. NB:
	 * GenericDialog shows underscores as spaces and records the label's first
	 * word, lower-cased, as the macro key -- so recorded macros use exactly
	 * {@link #key}.
	 */
	public String dialogLabel() {
		return Character.toUpperCase(key.charAt(0)) + key.substring(1);
	}

	/** The default as a macro/dialog string ("" if none). */
	public String defaultString() {
		if (defaultValue == null) return "";
		if (defaultValue instanceof File f) return f.getPath();
		if (defaultValue instanceof Double d && d == Math.rint(d)) return String
			.valueOf(d.longValue());
		return String.valueOf(defaultValue);
	}

	public boolean isBoolean() {
		return type == boolean.class || type == Boolean.class;
	}

	public boolean isNumber() {
		return Number.class.isAssignableFrom(boxed()) ;
	}

	public boolean isImage() {
		return ImagePlus.class.isAssignableFrom(type);
	}

	public boolean isDirectory() {
		return style != null && style.toLowerCase().contains("directory");
	}

	/** The wrapper class of a primitive type. */
	Class<?> boxed() {
		if (!type.isPrimitive()) return type;
		if (type == int.class) return Integer.class;
		if (type == long.class) return Long.class;
		if (type == double.class) return Double.class;
		if (type == float.class) return Float.class;
		if (type == boolean.class) return Boolean.class;
		if (type == short.class) return Short.class;
		if (type == byte.class) return Byte.class;
		return Character.class;
	}
}
