// Two-Stream Active Learning: show the next patches to annotate.
// Run headless:  ./twostream macro examples/show-suggestions.ijm --arg "DIR"
// or in Fiji:    Plugins > Macros > Run...  (asks for the folder)
//
// DIR holds suggestions.csv (patch_id,z,y,x,h,w,rank,scores...) and em.tif.
// For the whole loop (project, training, suggestions) see suggest.ijm;
// this one only shows suggestions computed elsewhere.
dir = getArgument();
if (dir == "") dir = getDirectory("Folder with suggestions.csv and em.tif");
if (!endsWith(dir, File.separator)) dir = dir + File.separator;
run("Show suggestions", "suggestions=[" + dir + "suggestions.csv] image=[" + dir + "em.tif] top_k=8 output_dir=[" + dir + "shown] heatmap");
print("suggested patches: " + nResults);
for (i = 0; i < nResults; i++)
	print("  #" + getResult("rank", i) + ": patch " + getResult("patch_id", i) + " at z=" + getResult("z", i) + " y=" + getResult("y", i) + " x=" + getResult("x", i));
