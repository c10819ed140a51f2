package io.github.twostream;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rules of docs/ARCHITECTURE.md, checked on the compiled classes
 * (ArchUnit): which package may use which, and where Swing/AWT, ImageJ's GUI
 * and TensorFlow may appear.
 */
public class LayeringTest {

	private static final String ROOT = "io.github.twostream.";

	/** Core: headless, usable from the CLI, Fiji and the simulator alike. */
	private static final String[] CORE = { ROOT + "volume..", ROOT + "store..",
		ROOT + "model..", ROOT + "structure..", ROOT + "math..", ROOT +
			"acquisition..", ROOT + "loop..", ROOT + "simulation..", ROOT +
				"annotation..", ROOT + "util.." };

	// NB: java.awt.image is not UI: ImageJ's stacks carry a ColorModel, and
	// the core's virtual stacks (volume.Tiffs) pass it on, headless.

	private static JavaClasses classes;

	@BeforeAll
	public static void importClasses() {
		classes = new ClassFileImporter().withImportOption(
			ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(
				"io.github.twostream");
	}

	/** Swing, AWT windows and events, ImageJ's GUI and our front ends. */
	private static final DescribedPredicate<JavaClass> UI = resideInAnyPackage(
		"javax.swing..", "java.awt", "java.awt.event..", "ij.gui..", ROOT +
			"viewer..", ROOT + "fiji..", ROOT + "cli..");

	@Test
	public void coreKnowsNoUserInterface() {
		check(noClasses().that().resideInAnyPackage(CORE).and()
			.doNotHaveFullyQualifiedName(ROOT + "simulation.CurvePlot").should()
			.dependOnClassesThat(UI.or(resideInAnyPackage(ROOT + "bench..", ROOT +
				"testdata.."))));
		// NB: the one exception: the simulation's learning-curve plot is drawn
		// headless with ImageJ's Plot (no window is ever shown)
		check(noClasses().that().haveFullyQualifiedName(ROOT +
			"simulation.CurvePlot").should().dependOnClassesThat(UI.and(not(
				name("ij.gui.Plot")))));
	}

	@Test
	public void acquisitionAndMathNeverReachTensorFlow() {
		check(noClasses().that().resideInAnyPackage(ROOT + "acquisition..", ROOT +
			"math..").should().transitivelyDependOnClassesThat().resideInAPackage(
				"org.tensorflow.."));
	}

	@Test
	public void storeNeverReachesTheModel() {
		check(noClasses().that().resideInAPackage(ROOT + "store..").should()
			.transitivelyDependOnClassesThat().resideInAnyPackage(ROOT + "model..",
				"org.tensorflow.."));
	}

	@Test
	public void frontEndsNeverImportTensorFlow() {
		check(noClasses().that().resideInAnyPackage(ROOT + "fiji..", ROOT +
			"cli..", ROOT + "viewer..").should().dependOnClassesThat()
			.resideInAPackage("org.tensorflow.."));
	}

	@Test
	public void packagesUseOnlyTheLayersBelow() {
		check(layeredArchitecture().consideringOnlyDependenciesInLayers()
			.withOptionalLayers(true) //
			.layer("util").definedBy(ROOT + "util..") //
			.layer("volume").definedBy(ROOT + "volume..") //
			.layer("store").definedBy(ROOT + "store..") //
			.layer("tf").definedBy(ROOT + "model.tf..") //
			.layer("model").definedBy(ROOT + "model") //
			.layer("structure").definedBy(ROOT + "structure..") //
			.layer("math").definedBy(ROOT + "math..") //
			.layer("acquisition").definedBy(ROOT + "acquisition..") //
			.layer("loop").definedBy(ROOT + "loop..") //
			.layer("simulation").definedBy(ROOT + "simulation..") //
			.layer("annotation").definedBy(ROOT + "annotation..") //
			.layer("viewer").definedBy(ROOT + "viewer..") //
			.layer("fiji").definedBy(ROOT + "fiji..") //
			.layer("cli").definedBy(ROOT + "cli..") //
			.layer("bench").definedBy(ROOT + "bench..") //
			.layer("testdata").definedBy(ROOT + "testdata..") //
			.whereLayer("util").mayNotAccessAnyLayer() //
			.whereLayer("volume").mayOnlyAccessLayers("util") //
			.whereLayer("store").mayOnlyAccessLayers("util", "volume") //
			.whereLayer("tf").mayOnlyAccessLayers("util") //
			.whereLayer("model").mayOnlyAccessLayers("util", "volume", "tf") //
			.whereLayer("math").mayOnlyAccessLayers("util") //
			.whereLayer("structure").mayOnlyAccessLayers("util", "volume", "tf",
				"math") //
			.whereLayer("acquisition").mayOnlyAccessLayers("util", "math",
				"structure") //
			// NB: loop reads the device name from model.tf.TfRuntime
			.whereLayer("loop").mayOnlyAccessLayers("util", "volume", "store",
				"tf", "model", "structure", "math", "acquisition") //
			.whereLayer("simulation").mayOnlyAccessLayers("util", "volume", "store",
				"model", "structure", "math", "acquisition", "loop") //
			// NB: the annotation view's headless state (issue 10), below viewer
			.whereLayer("annotation").mayOnlyAccessLayers("util", "volume", "store",
				"model", "structure", "math", "acquisition", "loop") //
			.whereLayer("viewer").mayOnlyAccessLayers("util", "volume", "store",
				"structure", "loop", "acquisition", "annotation") //
			.whereLayer("testdata").mayOnlyAccessLayers("util", "volume") //
			.whereLayer("fiji").mayOnlyBeAccessedByLayers("cli") //
			.whereLayer("bench").mayOnlyBeAccessedByLayers("cli") //
			.whereLayer("cli").mayNotBeAccessedByAnyLayer());
	}

	private static void check(final ArchRule rule) {
		rule.check(classes);
	}
}
