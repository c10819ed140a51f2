package io.github.twostream.cli;

import io.github.twostream.store.OutputPaths;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.github.twostream.loop.StructureStage;
import io.github.twostream.store.AtomicFiles;
import io.github.twostream.store.ModelVersion;
import io.github.twostream.store.Project;
import io.github.twostream.util.UserException;
import io.github.twostream.volume.Patch;
import io.github.twostream.volume.PatchGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code export-embeddings PROJECT --out EMB.csv}. */
@Command(name = "export-embeddings", mixinStandardHelpOptions = true,
	description = "Write the stream B embedding of every patch as CSV: id,z,y,x,e0,e1,...")
public class ExportEmbeddingsCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "PROJECT")
	Path project;

	@Option(names = "--out", required = true, paramLabel = "EMB.csv")
	Path out;

	@Override
	public Integer call() throws Exception {
		try (Project p = Project.open(project)) {
			OutputPaths.check(out, "--out", p);
			final ModelVersion v = StructureStage.latestWithEmbeddings(p).orElseThrow(
				() -> new UserException("The project has no embeddings yet",
					"train the encoder first: twostream train-encoder " + project));
			final float[][] emb = p.embeddings().load(v.id());
			final PatchGrid grid = p.grid();
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
			System.out.println("Wrote " + emb.length + " embeddings (" +
				emb[0].length + "-D, encoder " + v.id() + ") to " + out);
		}
		return 0;
	}
}
