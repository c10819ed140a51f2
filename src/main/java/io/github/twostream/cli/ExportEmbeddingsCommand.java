package io.github.twostream.cli;

import io.github.twostream.store.OutputPaths;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.github.twostream.loop.ProjectSession;
import io.github.twostream.loop.StreamA;
import io.github.twostream.loop.StructureStage;
import io.github.twostream.util.AtomicFiles;
import io.github.twostream.store.ModelVersion;
import io.github.twostream.store.Project;
import io.github.twostream.util.BadArgumentException;
import io.github.twostream.util.UserException;
import io.github.twostream.volume.Patch;
import io.github.twostream.volume.PatchGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code export-embeddings PROJECT --out EMB.csv [--stream a|b]}. */
@Command(name = "export-embeddings", mixinStandardHelpOptions = true,
	description = "Write an embedding of every patch as CSV: id,z,y,x,e0,e1,... " +
		"Stream b (default): the contrastive encoder's. Stream a (--supervised): " +
		"the latest task model's pooled bottleneck features, the supervised " +
		"embedding two-stream-clustering clusters first (Lin et al. 2020).")
public class ExportEmbeddingsCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "PROJECT")
	Path project;

	@Option(names = "--out", required = true, paramLabel = "EMB.csv")
	Path out;

	@Option(names = "--stream", defaultValue = "b", paramLabel = "a|b",
		description = "b: unsupervised (stream B, default); a: supervised (task model).")
	String stream;

	@Option(names = "--supervised",
		description = "Same as --stream a.")
	boolean supervised;

	@Override
	public Integer call() throws Exception {
		if (supervised) stream = "a";
		if (!stream.equals("a") && !stream.equals("b")) throw new BadArgumentException(
			"--stream " + stream + " is not a stream", "use --stream a or --stream b");
		final float[][] emb;
		final String source;
		final PatchGrid grid;
		if (stream.equals("a")) try (ProjectSession s = ProjectSession.open(
			project))
		{
			OutputPaths.check(out, "--out", s.project());
			emb = StreamA.supervisedEmbedding(s, new ConsoleProgress()).orElseThrow(
				() -> new UserException("The project has no trained task model yet",
					"train one first: twostream train " + project));
			source = "task model";
			grid = s.grid();
		}
		else try (Project p = Project.open(project)) {
			OutputPaths.check(out, "--out", p);
			final ModelVersion v = StructureStage.latestWithEmbeddings(p).orElseThrow(
				() -> new UserException("The project has no embeddings yet",
					"train the encoder first: twostream train-encoder " + project));
			emb = p.embeddings().load(v.id());
			source = "encoder " + v.id();
			grid = p.grid();
		}
		write(emb, grid, out);
		System.out.println("Wrote " + emb.length + " embeddings (" +
			emb[0].length + "-D, " + source + ") to " + out);
		return 0;
	}

	private static void write(final float[][] emb, final PatchGrid grid,
		final Path out) throws java.io.IOException
	{
		AtomicFiles.write(out, os -> {
			final BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os,
				StandardCharsets.UTF_8));
			w.write("id,z,y,x");
			for (int j = 0; j < emb[0].length; j++)
				w.write(",e" + j);
			w.newLine();
			for (final Patch q : grid.patches()) {
				w.write(q.id() + "," + q.z() + "," + q.y() + "," + q.x());
				for (final float f : emb[q.id()])
					w.write("," + f);
				w.newLine();
			}
			w.flush();
		});
	}
}
