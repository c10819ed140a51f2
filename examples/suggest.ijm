// Two-Stream Active Learning: one round of the loop, as a Fiji user would click it.
//   New project... -> Train structure encoder -> Label patches from mask
//   -> Retrain task model -> Suggest next patches
// Labels come from a ground-truth mask here (simulated annotation); in real work you
// paint the suggested patches and label them instead.
//
// In Fiji:   Plugins > Macros > Run...  (edit `dir` below first)
// Headless:  cp -r test-data "/tmp/al demo" && ./twostream macro examples/suggest.ijm --arg "/tmp/al demo"
// Plain ImageJ 1 in a Fiji.app:  see scripts/fiji-smoke.sh

dir = "/path/to/test-data/";   // holds train-volume.tif and train-labels.tif
epochs = 2;                    // encoder epochs (quick demo; ~10 for real work)
steps = 30;                    // task model training steps (quick demo; ~300 for real work)
k = 8;                         // patches to suggest

if (getArgument() != "") dir = getArgument();
if (!endsWith(dir, File.separator)) dir = dir + File.separator;
image = dir + "train-volume.tif";
mask = dir + "train-labels.tif";
project = dir + "al project";
out = dir + "next patches";

if (!File.exists(project))
	run("New project...", "image=[" + image + "] project=[" + project + "] patch_size=64 stride=64");
run("Train structure encoder", "project=[" + project + "] epochs=" + epochs);
// patch ids run row by row, slice by slice: 16 patches of 64 x 64 per 256 x 256 slice
run("Label patches from mask", "project=[" + project + "] mask=[" + mask + "] patch_ids=[0,5,10,15,66,73,130,201] foreground=255");
run("Retrain task model", "project=[" + project + "] steps=" + steps);
run("Suggest next patches", "project=[" + project + "] k=" + k + " strategy=two-stream output_dir=[" + out + "] mc_passes=4");

// One Results row per suggestion: label these patches next.
File.saveString("" + nResults, out + File.separator + "nresults.txt");
print("suggested patches: " + nResults);
for (i = 0; i < nResults; i++)
	print("  #" + getResult("rank", i) + ": patch " + getResult("patch_id", i) + " at z=" + getResult("z", i) + " y=" + getResult("y", i) + " x=" + getResult("x", i) + ", combined score " + d2s(getResult("combined", i), 3));
