// Two-Stream Active Learning: show the next patches to annotate.
// Run headless:  ./twostream macro examples/suggest.ijm --arg "DIR"
// or in Fiji:    Plugins > Macros > Run...  (asks for the folder)
//
// DIR holds suggestions.csv (patch_id,z,y,x,h,w,rank,scores...) and em.tif.
// NB: once the core commands are merged this becomes
//   run("Suggest next patches", "project=[...] k=8");
dir = getArgument();
if (dir == "") dir = getDirectory("Folder with suggestions.csv and em.tif");
if (!endsWith(dir, File.separator)) dir = dir + File.separator;
run("Show suggestions", "suggestions=[" + dir + "suggestions.csv] image=[" + dir + "em.tif] top_k=8 output_dir=[" + dir + "shown] heatmap");
print("suggested patches: " + nResults);
for (i = 0; i < nResults; i++)
	print("  #" + getResult("rank", i) + ": patch " + getResult("patch_id", i) + " at z=" + getResult("z", i) + " y=" + getResult("y", i) + " x=" + getResult("x", i));
