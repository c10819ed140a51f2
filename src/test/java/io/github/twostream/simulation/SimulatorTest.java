package io.github.twostream.simulation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.twostream.acquisition.Strategies;
import io.github.twostream.loop.AcquisitionRound;
import io.github.twostream.loop.LabelTransfer;
import io.github.twostream.loop.PoolPatches;
import io.github.twostream.loop.ProjectSession;
import io.github.twostream.loop.TaskStage;
import io.github.twostream.model.ModelPreset;
import io.github.twostream.model.TaskModel;
import io.github.twostream.structure.ContrastiveEncoder;
import io.github.twostream.structure.Typicality;
import io.github.twostream.util.CancelledException;
import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;
import io.github.twostream.volume.PatchGrid;

/**
 * Quick simulations (real TF, real volumes) on the committed test data:
 * train-volume (16 x 256 x 256, 256 patches) -> test-volume (8 slices).
 * One full run is shared by the tests; the resume test reuses its cached
 * encoder and reference.
 */
class SimulatorTest {

	static final Path DATA = Path.of("test-data");
	static final List<String> STRATEGIES = List.of("random", "random-fg",
		"two-stream");

	@TempDir
	static Path tmp;

	static Path first;
	static Simulator.Result result;

	static Simulator.Settings settings(final Path out,
		final List<String> strategies)
	{
		final SimulationConfig config = new SimulationConfig(strategies, 40, 10,
			List.of(1L), 10, 64, 255, true, out);
		return new Simulator.Settings(DATA.resolve("train-volume.tif").toString(),
			DATA.resolve("train-labels.tif").toString(), DATA.resolve(
				"test-volume.tif").toString(), DATA.resolve("test-labels.tif")
					.toString(), config, SimulationTuning.defaults(true));
	}

	static Simulator.Result run(final Simulator.Settings s, final Progress p) {
		try (Simulator sim = new Simulator(s, p)) {
			assertTrue(sim.checkInput(), () -> sim.getErrorMessage());
			assertTrue(sim.process());
			return sim.getResult();
		}
	}

	@BeforeAll
	static void simulate() {
		first = tmp.resolve("first");
		result = run(settings(first, STRATEGIES), Progress.NONE);
	}

	@Test
	void writesParsableOutputsWithSaneCurves() throws IOException {
		for (final String f : List.of("curves.csv", "summary.csv", "curves.png",
			"reference.csv"))
			assertTrue(Files.size(first.resolve(f)) > 0, f);
		final Curves curves = Curves.read(first.resolve("curves.csv"));
		assertEquals(STRATEGIES, curves.strategies());
		assertTrue(result.referenceIou() > 0 && result.referenceIou() <= 1);
		for (final String s : STRATEGIES) {
			final List<CurvePoint> c = curves.of(s);
			assertEquals(4, c.size(), s); // 10, 20, 30, 40 labelled patches
			for (int r = 0; r < c.size(); r++) {
				assertEquals(10 * (r + 1), c.get(r).labelledPatches());
				assertTrue(c.get(r).iou() >= 0 && c.get(r).iou() <= 1);
				assertTrue(c.get(r).dice() >= c.get(r).iou() && c.get(r).dice() <= 1);
				// the calibrated threshold, and the diagnostic best over thresholds
				assertTrue(c.get(r).threshold() > 0 && c.get(r).threshold() < 1, c
					.get(r).toString());
				assertTrue(c.get(r).oracleIoU() >= Math.max(c.get(r).iou(), c.get(r)
					.iouAtHalf()) && c.get(r).oracleIoU() <= 1, c.get(r).toString());
				if (c.get(r).threshold() == 0.5) assertEquals(c.get(r).iou(), c.get(r)
					.iouAtHalf(), 0, "calibrated to 0.5: the same scores");
			}
			assertTrue(c.get(3).iou() > c.get(0).iou(), s + ": " + c);
		}
		// NB: round 0 is the same random initial set for every strategy, trained
		// once and shared
		assertEquals(curves.of("random").get(0).iou(), curves.of("two-stream").get(
			0).iou());
		assertTrue(Files.isDirectory(first.resolve("round0/seed-1/model")));
		// simulated annotation seconds: at least 4 s per patch, growing
		for (final String s : STRATEGIES) {
			double previous = 0;
			for (final CurvePoint p : curves.of(s)) {
				assertTrue(p.annotationSeconds() >= 4 * p.labelledPatches() && p
					.annotationSeconds() > previous, p.toString());
				previous = p.annotationSeconds();
			}
		}
		final List<String> summary = Files.readAllLines(first.resolve(
			"summary.csv"));
		assertEquals(Summaries.HEADER, summary.get(0));
		assertEquals(1 + STRATEGIES.size(), summary.size());
		assertEquals(STRATEGIES.size(), result.summaries().size());
	}

	/**
	 * A simulated round trains as a user's round: a project labelled with the
	 * seed's initial set and trained by {@link TaskStage#train} with the
	 * simulation's preset, steps and round seed predicts exactly what the
	 * simulator's shared round-0 checkpoint predicts.
	 */
	@Test
	void roundZeroIsTheUsersTraining() {
		final SimulationTuning tuning = SimulationTuning.defaults(true);
		final ModelPreset preset = tuning.modelPreset(64).withSeed(Simulator
			.roundSeed(1, 0));
		final int[] initial = RoundLog.open(first.resolve("rounds/random-1.csv"))
			.round(0);
		assertEquals(10, initial.length);
		try (ProjectSession s = ProjectSession.create(tmp.resolve("user"), DATA
			.resolve("train-volume.tif").toString(), 64, 64))
		{
			LabelTransfer.importPatches(s, DATA.resolve("train-labels.tif")
				.toString(), initial, 255);
			try (TaskStage.Trained user = TaskStage.train(s, preset, tuning
				.trainSteps(), true, Progress.NONE);
					TaskModel simulated = TaskModel.load(first.resolve(
						"round0/seed-1/model")))
			{
				assertEquals(tuning.trainSteps(), simulated.stepsTrained());
				assertEquals(user.model().threshold(), simulated.threshold());
				final PoolPatches pool = new PoolPatches(s.volume(), s.grid());
				final int n = 16, px = 64 * 64;
				final float[] batch = new float[n * px], one = new float[px];
				for (int i = 0; i < n; i++) {
					pool.read(i * 16 + 5, one); // NB: one patch per slice
					System.arraycopy(one, 0, batch, i * px, px);
				}
				final float[] a = new float[n * px], b = new float[n * px];
				user.model().predict(batch, n, a);
				simulated.predict(batch, n, b);
				assertArrayEquals(a, b);
			}
		}
	}

	@Test
	void parallelRunsGiveTheSameNumbers() throws IOException {
		final Path out = tmp.resolve("parallel");
		copyTree(first.resolve("encoder"), out.resolve("encoder"));
		Files.copy(first.resolve("reference.csv"), out.resolve("reference.csv"));
		final List<String> two = List.of("random", "random-fg");
		try (Simulator sim = new Simulator(settings(out, two), Progress.NONE)) {
			sim.setJobs(2);
			assertTrue(sim.checkInput(), () -> sim.getErrorMessage());
			assertTrue(sim.process());
			for (final String s : two)
				assertSameNumbers(result.curves().of(s), sim.getResult().curves().of(
					s));
		}
	}

	/**
	 * {@code --cold-start strategy}: a strategy's initial set is its own
	 * choice on an empty project (what a user's first round picks, through
	 * the same {@link AcquisitionRound}); strategies
	 * that choose the same set share one round-0 model; {@code random} keeps
	 * the seed's random set.
	 */
	@Test
	void coldStartByTheStrategyIsTheUsersFirstRound() throws IOException {
		final Path out = tmp.resolve("cold");
		copyTree(first.resolve("encoder"), out.resolve("encoder"));
		Files.copy(first.resolve("reference.csv"), out.resolve("reference.csv"));
		final Simulator.Settings base = settings(out, List.of("random",
			"two-stream", "uncertainty"));
		final SimulationConfig c = base.config();
		final Simulator.Result cold = run(new Simulator.Settings(base.image(), base
			.labels(), base.testImage(), base.testLabels(), new SimulationConfig(c
				.strategies(), 20, c.step(), c.seeds(), c.initialSize(), c.patchSize(),
				c.foreground(), c.quick(), out, SimulationConfig.ColdStart.STRATEGY),
			base.tuning()), Progress.NONE);
		final int[] random = RoundLog.open(out.resolve("rounds/random-1.csv"))
			.round(0);
		final int[] twoStream = RoundLog.open(out.resolve(
			"rounds/two-stream-1.csv")).round(0);
		final int[] uncertainty = RoundLog.open(out.resolve(
			"rounds/uncertainty-1.csv")).round(0);
		assertArrayEquals(RoundLog.open(first.resolve("rounds/random-1.csv"))
			.round(0), random, "random keeps the seed's random set");
		final float[][] z;
		try (var volume = io.github.twostream.volume.Volumes.open(base.image());
				Stream<Path> dirs = Files.list(out.resolve("encoder")))
		{
			final var pool = new PoolPatches(volume, new PatchGrid(volume.depth(),
				volume.height(), volume.width(), 64, 64));
			try (var enc = ContrastiveEncoder.load(dirs.findFirst().orElseThrow())) {
				z = enc.embed(pool, Progress.NONE);
			}
			final int[] user = AcquisitionRound.run(pool, AcquisitionRound.StreamB.of(
				z, Typicality.DEFAULT_K, Progress.NONE), Set.of(), null, null,
				new AcquisitionRound.Request(Strategies.byName("two-stream"), 10,
					Simulator.coldStartSeedOf(Simulator.roundSeed(1, 0)), 0, 4, false),
				Progress.NONE).ids();
			assertArrayEquals(user, twoStream, "two-stream's first round");
		}
		assertFalse(Arrays.equals(random, twoStream));
		// NB: uncertainty has no cold start of its own: it falls back to stream B
		// as two-stream does, so both share one round-0 model
		assertArrayEquals(twoStream, uncertainty);
		try (Stream<Path> dirs = Files.list(out.resolve("round0"))) {
			assertEquals(2, dirs.count(), "seed-1 and seed-1-<hash>");
		}
		final Curves curves = cold.curves();
		assertEquals(curves.of("two-stream").get(0).iou(), curves.of(
			"uncertainty").get(0).iou());
		assertEquals(result.curves().of("random").get(0).iou(), curves.of(
			"random").get(0).iou(), 0, "random's round 0 is the default run's");
		assertTrue(Files.readString(out.resolve("run.txt")).contains(
			"cold_start=strategy\n"));
	}

	@Test
	void randomFgGetsItsForegroundShare() throws Exception {
		final RoundLog log = RoundLog.open(first.resolve("rounds/random-fg-1.csv"));
		assertEquals(4, log.size());
		try (var volume = io.github.twostream.volume.Volumes.open(DATA.resolve(
			"train-volume.tif").toString()); var labels =
				io.github.twostream.volume.LabelImages.open(DATA.resolve(
					"train-labels.tif").toString(), volume))
		{
			final var grid = new io.github.twostream.volume.PatchGrid(volume
				.depth(), volume.height(), volume.width(), 64, 64);
			final LabelOracle oracle = new LabelOracle(labels, 255);
			for (int r = 1; r < log.size(); r++) {
				int withFg = 0;
				for (final int id : log.round(r))
					if (CostModel.foregroundFraction(oracle.annotate(grid.get(id))) > 0)
						withFg++;
				// at least round(10 / 3) of each batch of 10 (more if the pool's
				// share of foreground patches is larger)
				assertTrue(withFg >= 3, "round " + r + ": " + withFg);
			}
		}
	}

	@Test
	void resumesAfterCancelAndLostLinesWithTheSameNumbers() throws IOException {
		final Path out = tmp.resolve("resumed");
		copyTree(first.resolve("encoder"), out.resolve("encoder"));
		Files.copy(first.resolve("reference.csv"), out.resolve("reference.csv"));
		final Simulator.Settings s = settings(out, List.of("two-stream"));
		// cancel while round 2 trains
		assertThrows(CancelledException.class, () -> run(s, new Progress() {

			boolean cancelled;

			@Override
			public void status(final String message) {
				if (message.contains("round 2/3: training")) cancelled = true;
			}

			@Override
			public void progress(final long done, final long total) {}

			@Override
			public boolean isCancelled() {
				return cancelled;
			}
		}));
		assertEquals(2, Curves.read(out.resolve("curves.csv")).points().size());
		final Simulator.Result resumed = run(s, Progress.NONE);
		assertSameNumbers(result.curves().of("two-stream"), resumed.curves().of(
			"two-stream"));

		// lose the last two lines: their checkpoints are gone too, so the
		// training of rounds 0-1 is replayed from the round log
		final Path csv = out.resolve("curves.csv");
		final List<String> lines = Files.readAllLines(csv);
		Files.write(csv, lines.subList(0, lines.size() - 2));
		final Simulator.Result again = run(s, Progress.NONE);
		assertSameNumbers(result.curves().of("two-stream"), again.curves().of(
			"two-stream"));

		// a larger budget extends the finished run by one round
		final SimulationConfig c = s.config();
		final Simulator.Result extended = run(new Simulator.Settings(s.image(), s
			.labels(), s.testImage(), s.testLabels(), new SimulationConfig(c
				.strategies(), 50, c.step(), c.seeds(), c.initialSize(), c.patchSize(),
				c.foreground(), c.quick(), c.outDir()), s.tuning()), Progress.NONE);
		final List<CurvePoint> ext = extended.curves().of("two-stream");
		assertEquals(5, ext.size());
		assertEquals(50, ext.get(4).labelledPatches());
		assertSameNumbers(result.curves().of("two-stream"), ext.subList(0, 4));

		// every start says how far the run was and where it ran
		final List<String> starts = Files.readAllLines(out.resolve(
			Simulator.MACHINES));
		assertEquals("started\tfinished_rounds\tmachine", starts.get(0));
		assertEquals(List.of("0", "2", "2", "4"), starts.subList(1, starts.size())
			.stream().map(l -> l.split("\t")[1]).toList());
		for (final String l : starts.subList(1, starts.size()))
			assertTrue(l.endsWith("\t" + io.github.twostream.util.Machine.current()
				.describe()), l);
	}

	@Test
	void unreadableEncoderCacheNamesTheFolderToDelete() throws IOException {
		final Path out = tmp.resolve("stale-encoder");
		copyTree(first.resolve("encoder"), out.resolve("encoder"));
		Files.copy(first.resolve("reference.csv"), out.resolve("reference.csv"));
		final Path cached;
		try (Stream<Path> dirs = Files.list(out.resolve("encoder"))) {
			cached = dirs.findFirst().orElseThrow();
		}
		try (Stream<Path> files = Files.walk(cached)) {
			for (final Path f : files.filter(f -> f.toString().contains(
				"variables") && Files.isRegularFile(f)).toList())
				Files.write(f, new byte[] { 1, 2, 3 }); // NB: e.g. an older format
		}
		final UserException e = assertThrows(UserException.class, () -> run(
			settings(out, List.of("random")), Progress.NONE));
		assertTrue(e.getMessage().contains("delete " + cached), e.getMessage());
		assertFalse(Files.exists(out.resolve("curves.csv")) && Curves.read(out
			.resolve("curves.csv")).points().size() > 0, "nothing was simulated");
	}

	@Test
	void badInputIsReportedByCheckInput() {
		final Simulator.Settings good = settings(tmp.resolve("bad"), List.of(
			"random"));
		final Simulator.Settings wrongLabels = new Simulator.Settings(good.image(),
			good.testLabels(), good.testImage(), good.testLabels(), good.config(),
			good.tuning());
		try (Simulator sim = new Simulator(wrongLabels, Progress.NONE)) {
			assertFalse(sim.checkInput());
			assertTrue(sim.getErrorMessage().contains("but the volume is"), sim
				.getErrorMessage());
		}
		final SimulationConfig big = new SimulationConfig(List.of("random"), 1000,
			10, List.of(1L), 10, 64, 255, true, tmp.resolve("bad"));
		try (Simulator sim = new Simulator(new Simulator.Settings(good.image(),
			good.labels(), good.testImage(), good.testLabels(), big, good.tuning()),
			Progress.NONE))
		{
			assertFalse(sim.checkInput());
			assertTrue(sim.getErrorMessage().contains("larger than the pool"), sim
				.getErrorMessage());
		}
	}

	static void assertSameNumbers(final List<CurvePoint> expected,
		final List<CurvePoint> actual)
	{
		assertEquals(expected.size(), actual.size());
		for (int i = 0; i < expected.size(); i++) {
			assertEquals(expected.get(i).labelledPatches(), actual.get(i)
				.labelledPatches());
			assertEquals(expected.get(i).iou(), actual.get(i).iou(), 0, "round " + i);
			assertEquals(expected.get(i).dice(), actual.get(i).dice(), 0, "round " +
				i);
			assertEquals(expected.get(i).threshold(), actual.get(i).threshold(), 0,
				"round " + i);
			assertEquals(expected.get(i).iouAtHalf(), actual.get(i).iouAtHalf(), 0,
				"round " + i);
			assertEquals(expected.get(i).oracleIoU(), actual.get(i).oracleIoU(), 0,
				"round " + i);
		}
	}

	static void copyTree(final Path from, final Path to) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			for (final Path p : (Iterable<Path>) files::iterator) {
				final Path t = to.resolve(from.relativize(p).toString());
				if (Files.isDirectory(p)) Files.createDirectories(t);
				else Files.copy(p, t);
			}
		}
	}
}
