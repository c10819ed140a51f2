package io.github.twostream.simulation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import io.github.twostream.acquisition.AcquisitionStrategy;
import io.github.twostream.acquisition.RandomStrategy;
import io.github.twostream.loop.AcquisitionRound;
import io.github.twostream.acquisition.Strategies;
import io.github.twostream.loop.Evaluation;
import io.github.twostream.loop.PoolPatches;
import io.github.twostream.loop.StructureStage;
import io.github.twostream.loop.TaskStage;
import io.github.twostream.model.ModelPreset;
import io.github.twostream.model.TaskModel;
import io.github.twostream.structure.EncoderCacheKey;
import io.github.twostream.structure.EncoderConfig;
import io.github.twostream.structure.Typicality;
import io.github.twostream.util.Machine;
import io.github.twostream.util.Progress;
import io.github.twostream.util.BadArgumentException;
import io.github.twostream.util.UserException;
import io.github.twostream.volume.LabelImage;
import io.github.twostream.volume.LabelImages;
import io.github.twostream.volume.PatchGrid;
import io.github.twostream.volume.Volume;
import io.github.twostream.volume.Volumes;

/**
 * Simulated active learning on a labelled volume (TrackMate-style engine:
 * {@link #checkInput()}, then {@link #process()}, then {@link #getResult()}).
 * <p>
 * Everything runs in memory against the ground truth (no project store):
 * </p>
 * <ol>
 * <li>The pool is the non-overlapping patch grid of the training image; the
 * {@link Oracle} answers a patch with its ground truth binarised at
 * {@code foreground}.</li>
 * <li>Stream B: the contrastive encoder is trained once per run on the pool
 * and cached in {@code OUT/encoder/<key hash>/}, so a resumed or repeated
 * run reuses it; every patch is embedded and its typicality computed
 * once.</li>
 * <li>Full-supervision reference: a model trained on the whole pool (or a
 * seeded subset) for {@code referenceSteps}, evaluated on the test volume,
 * cached in {@code reference.csv}.</li>
 * <li>For each strategy and seed: round 0 trains on the same seeded random
 * initial set for every strategy (cold start); every round fine-tunes the
 * previous round's weights with the user's training recipe
 * ({@link TaskStage#fit}, the tuning's {@link SimulationTuning#modelPreset
 * preset}, steps and weight averaging), evaluates IoU/Dice on the test volume
 * (streamed slice by slice), and, while below the budget, runs the round's
 * acquisition ({@link AcquisitionRound}, the code a user's round runs),
 * selects {@code step} patches and asks the oracle.</li>
 * </ol>
 * <p>
 * Resume: finished rounds are the lines of {@code curves.csv}
 * ({@link SimulationState}); the acquired ids per round are in
 * {@code rounds/<strategy>-<seed>.csv} and the weights after the last
 * finished round in {@code rounds/<strategy>-<seed>/model-<round>/}. A
 * resumed (strategy, seed) continues from there and gives the same numbers
 * as an uninterrupted run. NB: that holds because every round starts from a
 * checkpoint loaded into a fresh TF session with a (seed, round)-derived
 * config seed, in the uninterrupted run too: the TF dropout RNG state and the
 * Java batch sampler then depend only on (seed, round), not on how many
 * predictions ran before. A missing checkpoint is rebuilt by replaying the
 * training of the earlier rounds from the round log (deterministic, costs
 * their training time).
 * </p>
 */
public final class Simulator implements AutoCloseable {

	/**
	 * What to simulate on.
	 *
	 * @param image training image (the pool), path or HDF5 spec
	 * @param labels its ground truth, same shape
	 * @param testImage held-out test image
	 * @param testLabels its ground truth
	 * @param trainSlices slices of the training image to use (null = all)
	 * @param testSlices slices of the test image to use (null = all); with
	 *          both ranges, one labelled stack can serve as training and test
	 *          image
	 */
	public record Settings(String image, String labels, String testImage,
		String testLabels, SliceRange trainSlices, SliceRange testSlices,
		SimulationConfig config, SimulationTuning tuning)
	{

		/** All slices of both images. */
		public Settings(final String image, final String labels,
			final String testImage, final String testLabels,
			final SimulationConfig config, final SimulationTuning tuning)
		{
			this(image, labels, testImage, testLabels, null, null, config, tuning);
		}
	}

	/**
	 * The output folder's log of starts: when, with how many rounds finished,
	 * on which processor (one line each, tab-separated, with a header).
	 */
	public static final String MACHINES = "machines.txt";

	/** What a finished simulation produced. */
	public record Result(Curves curves, List<StrategySummary> summaries,
		double referenceIou, double referenceDice, double wallSeconds)
	{}

	// NB: package-visible for FullSupervision, the reference run
	final Settings settings;
	final SimulationConfig config;
	final SimulationTuning tuning;
	final Progress progress;
	private String errorMessage;
	Volume trainVolume;
	/** The task model's preset (seed set per round). */
	private ModelPreset preset;
	Volume testVolume;
	private LabelImage trainLabels;
	LabelImage testLabels;
	private final List<AutoCloseable> opened = new ArrayList<>();
	PatchGrid grid;
	PoolPatches pool;
	Oracle oracle;
	private RoundZero roundZero;
	private int jobs = 1;
	private AcquisitionRound.StreamB streamB;
	/** Ground-truth foreground fraction per pool patch (random-fg only). */
	private double[] truthForeground;
	private Result result;

	public Simulator(final Settings settings, final Progress progress) {
		this.settings = settings;
		this.config = settings.config();
		this.tuning = settings.tuning();
		this.progress = progress;
	}

	/**
	 * Opens the images and checks shapes, foreground value and pool size.
	 *
	 * @return false if the input is unusable; see {@link #getErrorMessage()}
	 */
	public boolean checkInput() {
		if (trainVolume != null) return true;
		try {
			if (config.foreground() < 0 || config.foreground() > 255)
				throw new BadArgumentException("Foreground value " + config
					.foreground() + " is not a label value",
					"use 0-255, e.g. --foreground 255");
			if (config.initialSize() < 1) throw new UserException(
				"The initial set is empty", "use --initial 1 or more");
			preset = tuning.modelPreset(config.patchSize());
			trainVolume = open(Volumes.open(settings.image()));
			trainLabels = open(LabelImages.open(settings.labels(), trainVolume));
			testVolume = open(Volumes.open(settings.testImage()));
			testLabels = open(LabelImages.open(settings.testLabels(), testVolume));
			// NB: a foreground value absent from labels with several values
			// would make every IoU 1.0 (empty vs empty)
			for (final LabelImage l : List.of(trainLabels, testLabels))
				LabelImages.checkForeground(l, config.foreground(), "--foreground",
					LabelImages.allSlices(l));
			if (settings.trainSlices() != null) {
				trainVolume = Slabs.of(trainVolume, settings.trainSlices());
				trainLabels = Slabs.of(trainLabels, settings.trainSlices());
			}
			if (settings.testSlices() != null) {
				testVolume = Slabs.of(testVolume, settings.testSlices());
				testLabels = Slabs.of(testLabels, settings.testSlices());
			}
			grid = new PatchGrid(trainVolume.depth(), trainVolume.height(),
				trainVolume.width(), config.patchSize(), config.patchSize());
			if (grid.size() < config.budget()) throw new UserException("Budget " +
				config.budget() + " is larger than the pool (" + grid.size() +
				" patches)", "use --budget " + grid.size() + " or less");
			pool = new PoolPatches(trainVolume, grid);
			roundZero = new RoundZero(config.outDir().resolve("round0"), progress);
			oracle = new LabelOracle(trainLabels, config.foreground());
			checkRunFile();
			return true;
		}
		catch (final UserException e) {
			errorMessage = e.getMessage();
			close();
			return false;
		}
	}

	/**
	 * Runs up to {@code jobs} (strategy, seed) runs at the same time, each on
	 * its own thread and TF session (default 1: one after the other). NB: the
	 * TF sessions of a process share one intra-op thread pool
	 * ({@code TF_NUM_INTRAOP_THREADS}), so the numbers equal those of a serial
	 * run with the same thread count; the gain is the idle time of one run's
	 * small ops, Java-side work and I/O, filled by the other's.
	 */
	public void setJobs(final int jobs) {
		if (jobs < 1) throw new UserException("--jobs " + jobs +
			" is not positive", "use 1 or more (2 on a 2-core machine)");
		this.jobs = jobs;
	}

	/** Why {@link #checkInput()} failed, or null. */
	public String getErrorMessage() {
		return errorMessage;
	}

	/**
	 * Runs (or resumes) the whole simulation and writes curves.csv,
	 * summary.csv and curves.png.
	 *
	 * @throws UserException if the input is unusable
	 * @throws io.github.twostream.util.CancelledException if cancelled; the
	 *           finished rounds are kept and a re-run resumes
	 */
	public boolean process() {
		if (!checkInput()) throw new UserException(errorMessage,
			"fix the input and run again");
		final long t0 = System.nanoTime();
		prepareStreamB();
		if (config.strategies().stream().anyMatch(n -> Strategies.byName(n)
			.needsGroundTruth())) truthForeground = truthForeground();
		final double[] reference = new FullSupervision(this).iouDice();
		final SimulationState state = SimulationState.open(config.curvesCsv());
		recordMachine(state.curves().points().size());
		final List<Runnable> runs = new ArrayList<>();
		// NB: seed-major, so a run stopped early (or cancelled) holds every
		// strategy on the same first seeds: a fair partial comparison; the
		// strategies of a seed also share its round-0 model soon after it
		// was trained
		for (final long seed : config.seeds())
			for (final String strategy : config.strategies())
				runs.add(() -> runStrategy(strategy, seed, state));
		ParallelRuns.run(runs, jobs);
		// NB: the curves as written (6 significant digits), so a resumed run
		// reports exactly what an uninterrupted one does
		final Curves curves = readCurves();
		final List<StrategySummary> summaries = SimulationReports.write(curves,
			reference[0], config.outDir(), "Learning curves (" + Path.of(settings.image())
				.getFileName() + ")", progress);
		result = new Result(curves, summaries, reference[0], reference[1],
			(System.nanoTime() - t0) / 1e9);
		return true;
	}

	private Curves readCurves() {
		try {
			return Curves.read(config.curvesCsv());
		}
		catch (final IOException e) {
			throw new UserException("Cannot read " + config.curvesCsv() + ": " + e
				.getMessage(), "check the output folder", e);
		}
	}

	public Result getResult() {
		return result;
	}

	// -- Stream B --

	private void prepareStreamB() {
		final EncoderConfig ec = EncoderConfig.defaults().withEpochs(tuning
			.encoderEpochs());
		final int input = Math.max(16, Math.min(2 * config.patchSize(), config
			.patchSize() * 3 / 4 / 8 * 8));
		final EncoderConfig cfg = new EncoderConfig(config.patchSize(), input, ec
			.embeddingDim(), ec.projectionDim(), ec.baseFilters(), ec.temperature(),
			ec.batchSize(), ec.epochs(), ec.samplesPerEpoch(), ec.learningRate(), ec
				.seed());
		final EncoderCacheKey key = new EncoderCacheKey(fingerprint(settings
			.image(), settings.trainSlices()), cfg);
		final float[][] embedding = StructureStage.embed(new EncoderFolder(config
			.outDir(), key), key, pool, progress).embedding();
		progress.status("Typicality (stream B)");
		streamB = AcquisitionRound.StreamB.of(embedding, Typicality.DEFAULT_K,
			progress);
	}

	// -- One (strategy, seed) --

	private void runStrategy(final String name, final long seed,
		final SimulationState state)
	{
		final int rounds = config.rounds();
		final int done = state.finishedRounds(name, seed);
		if (done >= rounds) return;
		final AcquisitionStrategy strategy = Strategies.byName(name);
		final String run = name + "-" + seed;
		final Path roundsDir = config.outDir().resolve("rounds");
		final RoundLog log = RoundLog.open(roundsDir.resolve(run + ".csv"));
		if (log.size() == 0) log.append(initialSet(strategy, seed));
		final Path models = roundsDir.resolve(run);
		if (done > 0 && log.size() == done) extend(strategy, models, seed, done,
			log);
		if (log.size() < done + 1) throw new UserException("The round log of " +
			run + " has " + log.size() + " rounds but curves.csv has " + done,
			"delete the lines of " + name + ", seed " + seed +
				" from curves.csv to rerun it");
		log.truncate(done + 1);
		// NB: the labelled set so far (training reads the round log itself)
		final Map<Integer, byte[]> masks = new LinkedHashMap<>();
		for (int r = 0; r <= done; r++)
			label(log.round(r), masks);
		for (int r = done; r < rounds; r++) {
			progress.checkCancelled();
			final long t0 = System.nanoTime();
			progress.status(String.format(Locale.ROOT,
				"%s seed %d round %d/%d: training on %d labelled patches", name, seed,
				r, rounds - 1, masks.size()));
			final Evaluated scores;
			try (TaskModel model = trainRound(models, seed, r, log)) {
				progress.status(String.format(Locale.ROOT,
					"%s seed %d round %d/%d: evaluating", name, seed, r, rounds - 1));
				// NB: evaluated in every run, round 0 too: prediction advances TF's
				// stateful dropout RNG, so skipping it would change the MC-dropout
				// passes (BALD) that follow, and resume would no longer be exact
				scores = evaluate(model);
				final int k = Math.min(config.step(), config.budget() - masks.size());
				if (r < rounds - 1 && k > 0) {
					progress.status(String.format(Locale.ROOT,
						"%s seed %d round %d/%d: IoU %.4f, selecting %d patches", name,
						seed, r, rounds - 1, scores.iou(), k));
					final int[] picked = select(strategy, model, seed, r, masks, k);
					label(picked, masks);
					log.append(picked);
				}
			}
			final int labelled = sizeOfRounds(log, r);
			state.record(new CurvePoint(name, seed, r, labelled, scores.iou(), scores
				.dice(), (System.nanoTime() - t0) / 1e9, annotationSeconds(masks, log,
					r), scores.threshold(), scores.iouAtHalf(), scores.oracleIoU()));
			progress.status(String.format(Locale.ROOT,
				"%s seed %d round %d/%d: %d patches, IoU %.4f, Dice %.4f (threshold %.2f)",
				name, seed, r, rounds - 1, labelled, scores.iou(), scores.dice(), scores
					.threshold()));
			if (r > 0) SimulationFiles.deleteTree(checkpoint(models, r - 1));
		}
	}

	/**
	 * A finished (strategy, seed) whose budget was raised: its last round
	 * selected nothing, so select now with that round's model (its checkpoint,
	 * or replayed). NB: for BALD strategies this selection can differ from a
	 * run started with the larger budget (the MC-dropout RNG of a freshly
	 * loaded model is at its start).
	 */
	private void extend(final AcquisitionStrategy strategy, final Path models,
		final long seed, final int done, final RoundLog log)
	{
		final int last = done - 1;
		final Map<Integer, byte[]> masks = new LinkedHashMap<>();
		for (int r = 0; r <= last; r++)
			label(log.round(r), masks);
		final int k = Math.min(config.step(), config.budget() - masks.size());
		if (k <= 0) return;
		progress.status(strategy.name() + " seed " + seed +
			": budget raised, selecting after round " + last);
		final Path ckpt = checkpoint(models, last);
		try (TaskModel model = Files.isDirectory(ckpt) ? TaskModel.load(ckpt,
			preset(seedOf(seed, last)).unet()) : trainRound(models, seed, last, log))
		{
			final int[] picked = select(strategy, model, seed, last, masks, k);
			log.append(picked);
		}
	}

	/**
	 * The model of round {@code r}: the previous round's checkpoint (or fresh
	 * weights for round 0) trained by {@link TaskStage#fit} on the labelled set
	 * of round {@code r}; saved as that round's checkpoint.
	 */
	private TaskModel trainRound(final Path models, final long seed,
		final int r, final RoundLog log)
	{
		final ModelPreset p = preset(seedOf(seed, r));
		final TaskModel model;
		if (r == 0) {
			// NB: round 0 is the same for every strategy of a seed (same initial
			// set, same seeds): trained once, then loaded by all, including the
			// first (so BALD's MC-dropout RNG starts alike for everyone)
			model = TaskModel.load(roundZero.model(roundZeroName(seed, log.round(0)), () -> {
				final TaskModel fresh = new TaskModel(p.unet(), p.augmentation());
				try {
					fit(fresh, p, log, 0);
					return fresh;
				}
				catch (final RuntimeException e) {
					fresh.close();
					throw e;
				}
			}), p.unet());
		}
		else {
			final Path previous = checkpoint(models, r - 1);
			if (!Files.isDirectory(previous)) {
				progress.status("Replaying training of round " + (r - 1) +
					" (no checkpoint)");
				trainRound(models, seed, r - 1, log).close();
			}
			model = TaskModel.load(previous, p.unet());
		}
		try {
			if (r > 0) fit(model, p, log, r);
			final Path ckpt = checkpoint(models, r);
			SimulationFiles.deleteTree(ckpt); // NB: a stale one from an unrecorded round
			SimulationFiles.writeFolder(ckpt, model::save);
			return model;
		}
		catch (final RuntimeException e) {
			model.close();
			throw e;
		}
	}

	/**
	 * The user's training recipe on the labelled set of rounds 0..{@code r}:
	 * the tuning's steps (0 = the preset's budget, fine-tuning after round 0)
	 * and weight averaging.
	 */
	private void fit(final TaskModel model, final ModelPreset p,
		final RoundLog log, final int r)
	{
		// NB: in ascending pool ids, as a project lists its labels, so the round
		// trains exactly as a user's training on the same labels would
		final Map<Integer, byte[]> masks = new TreeMap<>();
		for (int i = 0; i <= r; i++)
			label(log.round(i), masks);
		TaskStage.fit(model, p, trainVolume, grid, masks, new TaskStage.FitOptions(
			tuning.trainSteps(), r > 0, tuning.averaging()), progress);
	}

	/**
	 * The test scores at the model's calibrated threshold and, from the same
	 * prediction pass, the IoU at 0.5 and the diagnostic oracle IoU
	 * ({@link CurvePoint#oracleIoU}).
	 */
	private Evaluated evaluate(final TaskModel model) {
		final float[] grid = CurvePoint.oracleThresholds();
		final float[] thresholds = new float[grid.length + 2];
		thresholds[0] = model.threshold();
		thresholds[1] = 0.5f;
		System.arraycopy(grid, 0, thresholds, 2, grid.length);
		final Evaluation.Scores[] s = Evaluation.evaluate(model, testVolume,
			testLabels, config.foreground(), tuning.evalSlices(), thresholds,
			progress);
		double oracle = 0;
		for (int i = 0; i < s.length; i++)
			oracle = Math.max(oracle, s[i].iou());
		return new Evaluated(s[0], model.threshold(), s[1].iou(), oracle);
	}

	/** {@link #evaluate}'s result. */
	private record Evaluated(Evaluation.Scores scores, float threshold,
		double iouAtHalf, double oracleIoU)
	{

		double iou() {
			return scores.iou();
		}

		double dice() {
			return scores.dice();
		}
	}

	/** Simulated seconds to annotate the labelled set after round {@code r}. */
	private double annotationSeconds(final Map<Integer, byte[]> masks,
		final RoundLog log, final int r)
	{
		double t = 0;
		for (int i = 0; i <= r; i++)
			for (final int id : log.round(i))
				t += CostModel.DEFAULT.seconds(masks.containsKey(id) ? masks.get(id)
					: oracle.annotate(grid.get(id)), config.patchSize(), config
						.patchSize());
		return t;
	}

	/** The ground truth's foreground fraction of every pool patch. */
	private double[] truthForeground() {
		progress.status("Ground-truth foreground of " + grid.size() +
			" patches (for random-fg)");
		return oracle.foregroundFractions(grid, progress);
	}

	/**
	 * The round's acquisition ({@link AcquisitionRound}) on the candidates: a
	 * seeded sample of the unlabelled patches, or all; returns pool ids.
	 */
	private int[] select(final AcquisitionStrategy strategy,
		final TaskModel model, final long seed, final int r,
		final Map<Integer, byte[]> masks, final int k)
	{
		int[] candidates = null;
		final int unlabelled = grid.size() - masks.size();
		if (tuning.poolSample() > 0 && tuning.poolSample() < unlabelled) {
			final List<Integer> ids = new ArrayList<>(unlabelled);
			for (int id = 0; id < grid.size(); id++)
				if (!masks.containsKey(id)) ids.add(id);
			candidates = shuffled(ids, seedOf(seed, r) ^ 0x5eed).subList(0, tuning
				.poolSample()).stream().mapToInt(Integer::intValue).sorted().toArray();
		}
		return select(pool, streamB, masks.keySet(), candidates, model,
			new AcquisitionRound.Request(strategy, k, seedOf(seed, r), r, tuning
				.mcPasses(), false, truthForeground), progress);
	}

	/** One simulated acquisition: what every round of the simulator runs. */
	static int[] select(final PoolPatches pool,
		final AcquisitionRound.StreamB streamB, final Set<Integer> labelled,
		final int[] candidates, final TaskModel model,
		final AcquisitionRound.Request request, final Progress progress)
	{
		final int[] ids = AcquisitionRound.run(pool, streamB, labelled, candidates,
			model, request, progress).ids();
		if (ids.length == 0) throw new IllegalStateException("Strategy " + request
			.strategy().name() + " selected nothing in round " + request.round());
		return ids;
	}

	// -- Helpers --

	/**
	 * The initial set of a (strategy, seed): the seed's random set, or with
	 * {@link SimulationConfig.ColdStart#STRATEGY} the strategy's own choice
	 * on an empty project (no task model; every patch a candidate), as a
	 * user's first round. NB: {@code random} keeps the seed's random set (a
	 * random draw either way), so its curves stay those of the default.
	 */
	private int[] initialSet(final AcquisitionStrategy strategy,
		final long seed)
	{
		if (config.coldStart() == SimulationConfig.ColdStart.RANDOM || strategy
			.name().equals(RandomStrategy.NAME)) return initialSet(seed);
		progress.status(strategy.name() + " seed " + seed + ": cold start, " +
			"choosing " + config.initialSize() + " patches without a task model");
		return select(pool, streamB, Set.of(), null, null,
			new AcquisitionRound.Request(strategy, config.initialSize(),
				coldStartSeedOf(seedOf(seed, 0)), 0, tuning.mcPasses(), false, truthForeground), progress);
	}

	/**
	 * The strategy's seed of its cold start (not one of a round's), for a run
	 * whose round-0 seed is {@code roundZeroSeed}.
	 */
	static long coldStartSeedOf(final long roundZeroSeed) {
		return roundZeroSeed ^ 0xC01D57A27L;
	}

	/**
	 * The round-0 folder of a seed and initial set: {@code seed-<s>} for the
	 * seed's random set (shared by every strategy), {@code seed-<s>-<hash>} for
	 * a strategy's own cold start (shared by strategies that chose the same).
	 */
	private String roundZeroName(final long seed, final int[] initial) {
		final String name = "seed-" + seed;
		// NB: 64 bits of SHA-256, so two different sets of one seed cannot
		// share a folder by a hash collision in practice
		return Arrays.equals(initial, initialSet(seed)) ? name : name + "-" +
			SimulationFiles.hash(Arrays.toString(initial)).substring(0, 16);
	}

	/**
	 * The initial random set of a seed: the same for every strategy, so the
	 * curves of one seed start from the same point.
	 */
	private int[] initialSet(final long seed) {
		return shuffled(allIds(), seed).subList(0, config.initialSize()).stream()
			.mapToInt(Integer::intValue).toArray();
	}

	List<Integer> allIds() {
		final List<Integer> ids = new ArrayList<>(grid.size());
		for (int i = 0; i < grid.size(); i++)
			ids.add(i);
		return ids;
	}

	static List<Integer> shuffled(final List<Integer> ids,
		final long seed)
	{
		final List<Integer> copy = new ArrayList<>(ids);
		Collections.shuffle(copy, new Random(seed));
		return copy;
	}

	private void label(final int[] ids, final Map<Integer, byte[]> masks) {
		for (final int id : ids)
			if (!masks.containsKey(id)) masks.put(id, oracle.annotate(grid.get(id)));
	}

	private static int sizeOfRounds(final RoundLog log, final int r) {
		int n = 0;
		for (int i = 0; i <= r; i++)
			n += log.round(i).length;
		return n;
	}

	/** The tuning's preset with {@code seed}. */
	ModelPreset preset(final long seed) {
		return preset.withSeed(seed);
	}

	/** Seed of round {@code r} of a run (training RNGs and strategy). */
	static long roundSeed(final long seed, final int r) {
		return seed * 1_000_003L + r;
	}

	/** {@link #roundSeed} salted with the run id (unchanged for run id 0). */
	private long seedOf(final long seed, final int r) {
		return roundSeed(seed, r) + tuning.runId() * 0x9E3779B97F4A7C15L;
	}

	private static Path checkpoint(final Path models, final int r) {
		return models.resolve("model-" + r);
	}

	/**
	 * Refuses to resume into an output folder made with other settings that
	 * change the curves. Strategies, seeds and the budget may change (a run is
	 * extended), and so may the reference settings (reference.csv is then
	 * recomputed).
	 */
	private void checkRunFile() {
		final String text = "image=" + settings.image() + "\nlabels=" + settings
			.labels() + "\ntest_image=" + settings.testImage() + "\ntest_labels=" +
			settings.testLabels() + "\ntrain_slices=" + settings.trainSlices() +
			"\ntest_slices=" + settings.testSlices() + "\nforeground=" + config.foreground() +
			"\npatch=" + config.patchSize() + "\ninitial=" + config.initialSize() +
			"\nstep=" + config.step() + "\ntrain_steps=" + tuning.trainSteps() +
			"\npool_sample=" + tuning.poolSample() + "\neval_slices=" + tuning
				.evalSlices() + "\nencoder_epochs=" + tuning.encoderEpochs() +
			"\nmc_passes=" + tuning.mcPasses() + "\nunet=" + preset.unet().depth() +
			"x" + preset.unet().baseFilters() + "\npreset=" + preset + "\n" + (tuning
				.averaging() == 0 ? ""
				: "averaging=" + tuning.averaging() + "\n") + (tuning.runId() == 0
					? "" : "run_id=" + tuning.runId() + "\n") + (config.coldStart() ==
						SimulationConfig.ColdStart.RANDOM ? "" : "cold_start=" + config
							.coldStart().id() + "\n");
		final Path file = config.outDir().resolve("run.txt");
		try {
			if (Files.exists(file)) {
				final String old = Files.readString(file, StandardCharsets.UTF_8);
				if (!old.equals(text)) throw new UserException("Output folder " + config
					.outDir() + " holds a run with other settings (see " + file + ")",
					"use another --out folder or repeat the same settings");
			}
			else SimulationFiles.write(file, text);
		}
		catch (final IOException e) {
			throw new UserException("Cannot read " + file + ": " + e.getMessage(),
				"check the output folder");
		}
	}

	/**
	 * Appends this start to {@code machines.txt}: the time, the rounds already
	 * finished and the processor. NB: the curves are reproducible for a code
	 * version on one kind of processor, not across them ({@link Machine}), so
	 * a run resumed elsewhere says where each part was computed.
	 */
	private void recordMachine(final int finishedRounds) {
		final Path file = config.outDir().resolve(MACHINES);
		try {
			final String old = Files.exists(file) ? Files.readString(file,
				StandardCharsets.UTF_8) : "started\tfinished_rounds\tmachine\n";
			SimulationFiles.write(file, old + Instant.now().truncatedTo(
				ChronoUnit.SECONDS) + "\t" + finishedRounds + "\t" + Machine.current()
					.describe() + "\n");
		}
		catch (final IOException e) {
			throw new UserException("Cannot read " + file + ": " + e.getMessage(),
				"check the output folder");
		}
	}

	static String fingerprint(final String spec, final SliceRange r) {
		return Volumes.fingerprint(spec) + (r == null ? "" : "#z=" + r);
	}

	private <T extends AutoCloseable> T open(final T image) {
		opened.add(image);
		return image;
	}

	@Override
	public void close() {
		for (final AutoCloseable c : opened)
			try {
				c.close();
			}
			catch (final Exception e) {
				// NB: closing read-only images cannot lose data
			}
		opened.clear();
		trainVolume = testVolume = null;
		trainLabels = testLabels = null;
	}
}
