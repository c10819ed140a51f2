package io.github.twostream.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.scijava.command.Command;
import org.scijava.plugin.PluginIndex;
import org.scijava.plugin.PluginInfo;

import ij.plugin.PlugIn;

/**
 * The packaging contract with Fiji: plugins.config in the jar root names one
 * ImageJ 1 twin per action, each twin's command is in the SciJava plugin
 * index, and no command has a menu path of its own (no double entries).
 */
public class PluginRegistrationTest {

	static final String MENU = "Plugins>Two-Stream Active Learning";
	private static final Pattern LINE = Pattern.compile(
		"^(\\S[^,]*),\\s*\"([^\"]+)\",\\s*([\\w.$]+)(\\(\"[^\"]*\"\\))?\\s*$");

	record Entry(String menu, String label, String className) {}

	/** The entries of the plugins.config that goes into the jar. */
	static List<Entry> entries(final String config) {
		final List<Entry> entries = new ArrayList<>();
		for (final String line : config.split("\n")) {
			if (line.isBlank() || line.startsWith("#")) continue;
			final Matcher m = LINE.matcher(line);
			assertTrue(m.matches(), "malformed plugins.config line: " + line);
			entries.add(new Entry(m.group(1), m.group(2), m.group(3)));
		}
		return entries;
	}

	private static String configOnClasspath() throws IOException {
		try (InputStream in = PluginRegistrationTest.class.getResourceAsStream(
			"/plugins.config"))
		{
			assertTrue(in != null, "plugins.config is not in the built classes");
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	@Test
	public void pluginsConfigNamesTwinsOfIndexedCommands() throws Exception {
		final List<Entry> entries = entries(configOnClasspath());
		assertFalse(entries.isEmpty());
		assertTrue(entries.stream().anyMatch(e -> e.label().equals(
			"Show suggestions")));
		final PluginIndex index = new PluginIndex();
		index.discover();
		final List<String> indexed = index.getPlugins(Command.class).stream().map(
			PluginInfo::getClassName).toList();
		for (final Entry e : entries) {
			assertEquals(MENU, e.menu(), e.label());
			final Class<?> c = Class.forName(e.className());
			assertTrue(PlugIn.class.isAssignableFrom(c), e.className());
			final CommandTwin twin = (CommandTwin) c.getDeclaredConstructor()
				.newInstance();
			assertEquals(e.label(), twin.title(), "twin title = menu label");
			assertTrue(indexed.contains(twin.command().getName()), twin.command() +
				" is in META-INF/json/org.scijava.plugin.Plugin");
			TwinParameters.of(twin.command()); // keys are macro-safe
		}
	}

	@Test
	public void noCommandOfOursHasAMenuPath() {
		final PluginIndex index = new PluginIndex();
		index.discover();
		final List<PluginInfo<Command>> ours = index.getPlugins(Command.class)
			.stream().filter(p -> p.getClassName().startsWith("io.github.twostream"))
			.toList();
		assertFalse(ours.isEmpty(), "our commands are indexed");
		for (final PluginInfo<Command> p : ours)
			assertTrue(p.getMenuPath() == null || p.getMenuPath().isEmpty(), p
				.getClassName() + " has menuPath " + p.getMenuPath() +
				": Fiji would show it twice");
	}

	@Test
	public void builtJarContainsPluginsConfigAndIndexIfPackaged()
		throws IOException
	{
		// NB: `mvn verify` runs tests before `package`; the jar is checked when a
		// previous build made it, target/classes (the jar's content) always.
		final Path classes = Path.of("target", "classes");
		assertTrue(Files.isRegularFile(classes.resolve("plugins.config")));
		assertTrue(Files.readString(classes.resolve(
			"META-INF/json/org.scijava.plugin.Plugin")).contains(
				ShowSuggestionsCommand.class.getName()));
		try (var jars = Files.list(Path.of("target"))) {
			for (final Path jar : jars.filter(p -> p.getFileName().toString()
				.matches("Two_Stream_AL-[^-]+(-SNAPSHOT)?\\.jar")).toList())
			{
				try (ZipFile zip = new ZipFile(jar.toFile())) {
					final ZipEntry config = zip.getEntry("plugins.config");
					assertTrue(config != null, jar + " has plugins.config");
					assertFalse(entries(new String(zip.getInputStream(config)
						.readAllBytes(), StandardCharsets.UTF_8)).isEmpty());
					assertTrue(zip.getEntry(
						"META-INF/json/org.scijava.plugin.Plugin") != null);
				}
			}
		}
	}
}
