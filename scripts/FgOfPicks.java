/*
 * Foreground share of the patches a simulation picked: for each
 * OUT/rounds/<strategy>-<seed>.csv, the mean share of foreground pixels of
 * its picks (overall and per round) and the share of picks with any.
 *
 *   java -cp "target/classes:target/lib/*" scripts/FgOfPicks.java \
 *       LABELS.tif FOREGROUND OUT/rounds/*.csv
 *
 * Assumes the simulation's pool: the whole label stack, 64 x 64 patches,
 * stride 64 (not --train-slices).
 */
import io.github.twostream.simulation.LabelOracle;
import io.github.twostream.util.Progress;
import io.github.twostream.volume.*;
import java.nio.file.*;
import java.util.*;

public class FgOfPicks {
	public static void main(String[] a) throws Exception {
		LabelImage lab = LabelImages.open(a[0]);
		int fg = Integer.parseInt(a[1]);
		PatchGrid g = new PatchGrid(lab.depth(), lab.height(), lab.width(), 64, 64);
		// NB: the simulator's own oracle, so the shares are those random-fg reads
		double[] frac = new LabelOracle(lab, fg).foregroundFractions(g, Progress.NONE);
		double all = 0; int anyAll = 0;
		for (double f : frac) { all += f; if (f > 0) anyAll++; }
		System.out.printf("pool: %d patches, mean fg %.3f, with fg %.3f%n", g.size(), all / g.size(), anyAll / (double) g.size());
		for (int k = 2; k < a.length; k++) {
			List<String> lines = Files.readAllLines(Paths.get(a[k]));
			double s = 0; int n = 0, any = 0;
			StringBuilder per = new StringBuilder();
			for (String line : lines.subList(1, lines.size())) {
				String[] ids = line.split(",")[1].trim().split(" ");
				double rs = 0;
				for (String id : ids) { double f = frac[Integer.parseInt(id)]; s += f; rs += f; n++; if (f > 0) any++; }
				per.append(String.format(" %.2f", rs / ids.length));
			}
			System.out.printf("%-40s n=%d mean fg %.3f with fg %.2f | per round%s%n", Paths.get(a[k]).getFileName(), n, s / n, any / (double) n, per);
		}
	}
}
