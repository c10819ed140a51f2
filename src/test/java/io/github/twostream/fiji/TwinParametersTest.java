package io.github.twostream.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.twostream.util.UserException;

/** Twin parameters derived from a real command, parsed by ImageJ's Macro. */
public class TwinParametersTest {

	private final TwinParameters params = TwinParameters.of(
		ShowSuggestionsCommand.class);

	@Test
	public void derivedFromCommandFieldsWithoutServices() {
		assertEquals(List.of("suggestions", "image", "top_k", "output_dir",
			"heatmap"), params.list().stream().map(TwinParameter::key).toList());
		final TwinParameter topK = params.list().get(2);
		assertEquals(0, topK.defaultValue());
		assertEquals("Top_k", topK.dialogLabel());
		assertTrue(params.list().get(3).isDirectory());
		assertEquals(Boolean.TRUE, params.list().get(4).defaultValue());
	}

	@Test
	public void dialogLabelsRecordExactlyTheMacroKeys() {
		// NB: GenericDialog records (and reads in macros) Macro.trimKey(label)
		for (final TwinParameter p : params.list())
			assertEquals(p.key(), ij.Macro.trimKey(p.dialogLabel()), p.dialogLabel());
	}

	@Test
	public void macroOptionsWithSpacesBracketsAndFlags() {
		final Map<String, Object> v = params.fromMacro(
			"suggestions=[/tmp/my data/s.csv] image=/tmp/em.tif top_k=7 ",
			"Show suggestions");
		assertEquals(new File("/tmp/my data/s.csv"), v.get("suggestions"));
		assertEquals(new File("/tmp/em.tif"), v.get("image"));
		assertEquals(7, v.get("top_k"));
		assertEquals(false, v.get("heatmap"), "checkbox absent = false");
		assertTrue(params.fromMacro(
			"suggestions=a.csv image=b.tif heatmap ", "T").get("heatmap").equals(
				true));
		// what the recorder writes for an empty optional field
		final Map<String, Object> recorded = params.fromMacro(
			"suggestions=[a b.csv] image=[c.tif] top_k=3 output_dir=[] heatmap ",
			"T");
		assertTrue(!recorded.containsKey("output_dir"), recorded.toString());
		assertEquals(3, recorded.get("top_k"));
	}

	@Test
	public void missingRequiredKeysAreNamedWithAnExampleCall() {
		final UserException e = assertThrows(UserException.class, () -> params
			.fromMacro("top_k=3 ", "Show suggestions"));
		assertTrue(e.getMessage().startsWith(
			"missing suggestions, image"), e.getMessage());
		assertTrue(e.getMessage().contains(
			"run(\"Show suggestions\", \"suggestions=[...] image=[...]\")"), e
				.getMessage());
	}

	@Test
	public void helpListsKeysDescriptionsAndAMacroCall() {
		final String help = params.helpHtml("Show suggestions");
		assertTrue(help.contains("<b>top_k</b> (optional): Show the first k"), help);
		assertTrue(help.contains("run(\"Show suggestions\", \"suggestions=[...]"),
			help);
	}

	@Test
	public void badNumberIsAUserException() {
		final UserException e = assertThrows(UserException.class, () -> params
			.fromMacro("suggestions=a image=b top_k=many ", "T"));
		assertTrue(e.getMessage().contains("top_k=many is not a number"), e
			.getMessage());
	}

	@Test
	public void keysThatMacroGetValueWouldConfuseAreRefused() {
		final TwinParameter dir = new TwinParameter("dir", File.class, true, null,
			null, List.of(), "");
		final TwinParameter outputDir = new TwinParameter("output_dir", File.class,
			true, null, null, List.of(), "");
		assertThrows(IllegalStateException.class, () -> new TwinParameters(List.of(
			dir, outputDir)));
	}
}
