// Foreground share of each strategy's picks (seeds 1-10) in a comparison run (sim.md 9.11); the pool is
// --train-slices of the labels when the run used it (ISBI 2012: slices 0-19).
// Run: jshell --class-path "target/Two_Stream_AL-0.1.0-SNAPSHOT.jar:$(ls target/lib/*.jar | tr "\n" :)" scripts/picks-foreground.jsh
// The run folder comes from -R-Drun=DIR (default /work/runs/sim-lucchi-q); labels and foreground from its run.txt.
import ij.*; import ij.process.*; import io.github.twostream.volume.*; import java.nio.file.*; import java.util.*;
var run = Paths.get(System.getProperty("run", "/work/runs/sim-lucchi-q"));
var cfg = new Properties(); try (var r = Files.newBufferedReader(run.resolve("run.txt"))) { cfg.load(r); }
int FG = Integer.parseInt(cfg.getProperty("foreground"));
var imp = IJ.openImage(cfg.getProperty("labels"));
var slices = cfg.getProperty("train_slices", "null");
int Z0 = slices.equals("null") ? 0 : Integer.parseInt(slices.split("-")[0]);
int D = slices.equals("null") ? imp.getStackSize() : Integer.parseInt(slices.split("-")[1]) - Z0 + 1, H = imp.getHeight(), W = imp.getWidth();
var grid = new PatchGrid(D, H, W, 64, 64);
double[] fg = new double[grid.size()];
for (Patch p : grid.patches()) { var ip = imp.getStack().getProcessor(Z0+p.z()+1); int c=0; for (int y=p.y(); y<p.y()+p.h(); y++) for (int x=p.x(); x<p.x()+p.w(); x++) if (ip.get(x,y)==FG) c++; fg[p.id()] = c/(double)(p.h()*p.w()); }
double all=0; int any=0; for (double f: fg){all+=f; if(f>0)any++;}
System.out.printf("pool %d patches, fg pixel share %.3f, patches with fg %.3f%n", fg.length, all/fg.length, any/(double)fg.length);
for (String s : new String[]{"random","random-fg","uncertainty","bald","two-stream","two-stream-clustering"}) for (int seed=1; seed<=10; seed++) {
  var f = run.resolve("rounds/"+s+"-"+seed+".csv"); if (!Files.exists(f)) continue;
  var lines = Files.readAllLines(f); double[] e = new double[3]; int[] n = new int[3]; int[] a=new int[3];
  for (String l : lines.subList(1, lines.size())) { String[] t=l.split(","); int r=Integer.parseInt(t[0]); int b = r==0?0:(r<=4?1:2);
    for (String id : t[1].trim().split(" ")) { double v=fg[Integer.parseInt(id)]; e[b]+=v; n[b]++; if(v>0)a[b]++; } }
  System.out.printf("%-22s %d  r0 fg %.3f (%d/%d with)  r1-4 fg %.3f (%.2f with)  r5+ fg %.3f (%.2f with)%n", s, seed, e[0]/n[0], a[0], n[0], e[1]/n[1], a[1]/(double)n[1], e[2]/n[2], a[2]/(double)n[2]);
}
/exit
