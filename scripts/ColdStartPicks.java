/*
 * What each strategy's cold start (no task model, nothing labelled: the
 * first round of a new project) picks, without training anything: per
 * strategy and seed, the foreground share of the picks, the share of picks
 * with any foreground, and the coverage of the pool in stream B (mean
 * distance of every pool patch to its nearest pick: lower covers better).
 *
 *   java -cp "target/classes:target/lib/*" scripts/ColdStartPicks.java \
 *       IMAGE LABELS FOREGROUND ENCODER_DIR K[,K...] SEEDS STRATEGY[,STRATEGY...]
 *
 * ENCODER_DIR: a trained stream B encoder, e.g. a simulation's
 * OUT/encoder/<hash> (trained on the same IMAGE). K: batch sizes, e.g. 10,20. Pool: 64 x 64 patches,
 * stride 64, every slice.
 */
import io.github.twostream.acquisition.*;
import io.github.twostream.loop.*;
import io.github.twostream.math.Distances;
import io.github.twostream.structure.*;
import io.github.twostream.util.Progress;
import io.github.twostream.simulation.LabelOracle;
import io.github.twostream.volume.*;
import java.nio.file.*;
import java.util.*;

public class ColdStartPicks {
	public static void main(String[] a) throws Exception {
		Volume vol = Volumes.open(a[0]);
		LabelImage lab = LabelImages.open(a[1], vol);
		int fg = Integer.parseInt(a[2]);
		int seeds = Integer.parseInt(a[5]);
		PatchGrid g = new PatchGrid(vol.depth(), vol.height(), vol.width(), 64, 64);
		PoolPatches pool = new PoolPatches(vol, g);
		// NB: the simulator's own oracle, so the shares are those random-fg reads
		double[] frac = new LabelOracle(lab, fg).foregroundFractions(g, Progress.NONE);
		double all = 0; int anyAll = 0;
		for (double f : frac) { all += f; if (f > 0) anyAll++; }
		float[][] z;
		try (ContrastiveEncoder enc = ContrastiveEncoder.load(Paths.get(a[3]))) {
			z = enc.embed(pool, Progress.NONE);
		}
		AcquisitionRound.StreamB b = AcquisitionRound.StreamB.of(z, Typicality.DEFAULT_K, Progress.NONE);
		System.out.printf("pool: %d patches, mean fg %.3f, with fg %.3f%n", g.size(), all / g.size(), anyAll / (double) g.size());
		System.out.println("k,strategy,seed,mean_fg,with_fg,coverage,typicality_rank");
		double[] trank = Scores.rankNormalised(b.typicality(), range(g.size()), g.size());
		for (String ks : a[4].split(",")) for (String name : a[6].split(",")) {
			int k = Integer.parseInt(ks);
			double sf = 0, sa = 0, sc = 0, st = 0;
			for (long seed = 1; seed <= seeds; seed++) {
				int[] ids = AcquisitionRound.run(pool, b, Set.of(), null, null,
					new AcquisitionRound.Request(Strategies.byName(name), k, seed, 0, 0, false), Progress.NONE).ids();
				double f = 0, any = 0, t = 0;
				for (int id : ids) { f += frac[id]; if (frac[id] > 0) any++; t += trank[id]; }
				double cov = 0;
				for (float[] q : z) {
					double best = Double.MAX_VALUE;
					for (int id : ids) best = Math.min(best, Distances.squared(q, z[id]));
					cov += Math.sqrt(best);
				}
				f /= ids.length; any /= ids.length; cov /= z.length; t /= ids.length;
				sf += f; sa += any; sc += cov; st += t;
				System.out.printf(Locale.ROOT, "%d,%s,%d,%.3f,%.2f,%.4f,%.2f%n", k, name, seed, f, any, cov, t);
			}
			System.out.printf(Locale.ROOT, "%d,%s,mean,%.3f,%.2f,%.4f,%.2f%n", k, name, sf / seeds, sa / seeds, sc / seeds, st / seeds);
		}
	}

	static int[] range(int n) { int[] r = new int[n]; for (int i = 0; i < n; i++) r[i] = i; return r; }
}
