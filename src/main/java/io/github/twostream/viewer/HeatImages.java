package io.github.twostream.viewer;

import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.github.twostream.annotation.AnnotationSession;
import io.github.twostream.annotation.HeatmapLayer;

/**
 * The heatmap layers of the slice shown, each smoothed and colour-mapped once
 * into an image ({@link AnnotationLayers#renderHeat}) so that switching layers
 * only swaps images. The other per-patch layers are rendered ahead on a
 * background thread; pixel entropy on the session's predictor thread. The
 * cache holds one slice and is dropped when another slice is shown, a new
 * round brings new scores or a new task model is stored.
 */
final class HeatImages implements AutoCloseable {

	/**
	 * A rendered layer and its legend: image null = nothing to show, and the
	 * note says why.
	 */
	record Rendered(BufferedImage image, double lo, double hi, String note) {}

	private final AnnotationSession session;
	private final AnnotationLayers layers;
	private final int pixels;
	private final ExecutorService worker = Executors.newSingleThreadExecutor(
		r -> {
			final Thread t = new Thread(r, "annotation heatmaps");
			t.setDaemon(true);
			t.setPriority(Thread.MIN_PRIORITY);
			return t;
		});
	private final Map<HeatmapLayer, CompletableFuture<Rendered>> cache =
		new ConcurrentHashMap<>();
	private int z = -1;
	private Object scores;
	private long model = -1;

	HeatImages(final AnnotationSession session, final AnnotationLayers layers,
		final int pixels)
	{
		this.session = session;
		this.layers = layers;
		this.pixels = pixels;
	}

	/**
	 * Layer {@code l} of slice {@code z}: cached, else a per-patch layer is
	 * rendered now on the caller's thread and pixel entropy is computed in the
	 * background.
	 */
	synchronized CompletableFuture<Rendered> get(final HeatmapLayer l,
		final int slice)
	{
		keep(slice);
		final CompletableFuture<Rendered> f = cache.computeIfAbsent(l,
			k -> k == HeatmapLayer.PIXEL_ENTROPY ? entropy(slice) : CompletableFuture
				.completedFuture(render(k, slice)));
		// NB: a failure is not kept, so that the next switch tries again
		f.whenComplete((r, e) -> {
			if (e != null) cache.remove(l, f);
		});
		return f;
	}

	/** Renders the per-patch layers of slice {@code z} not cached yet, in the background. */
	synchronized void prefetch(final int slice) {
		keep(slice);
		for (final HeatmapLayer l : HeatmapLayer.values())
			if (l != HeatmapLayer.PIXEL_ENTROPY) cache.computeIfAbsent(l,
				k -> CompletableFuture.supplyAsync(() -> render(k, slice), worker));
	}

	/** Drops the cache unless it is of this slice, these scores and this model. */
	private void keep(final int slice) {
		final Object s = session.scores();
		final long m = session.status().modelVersion();
		if (slice == z && s == scores && m == model) return;
		cache.clear();
		z = slice;
		scores = s;
		model = m;
	}

	private Rendered render(final HeatmapLayer l, final int slice) {
		final double[] values = session.scores().of(l);
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		for (final double v : values)
			if (!Double.isNaN(v)) {
				lo = Math.min(lo, v);
				hi = Math.max(hi, v);
			}
		if (lo > hi) return new Rendered(null, 0, 1, l == HeatmapLayer.STREAM_A
			? "no task model yet (cold start)" : "no scores yet");
		final float[] field = new float[pixels];
		session.patchLayer(l, slice, field);
		return new Rendered(layers.renderHeat(field, lo, hi), lo, hi, "");
	}

	private CompletableFuture<Rendered> entropy(final int slice) {
		return session.pixelEntropy(slice).thenApply(h -> h.map(
			v -> new Rendered(layers.renderHeat(v, 0, 1), 0, 1, "")).orElseGet(
				() -> new Rendered(null, 0, 1, "no task model yet (retrain first)")));
	}

	@Override
	public void close() {
		worker.shutdownNow();
	}
}
