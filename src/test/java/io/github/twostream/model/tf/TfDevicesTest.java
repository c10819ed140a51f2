package io.github.twostream.model.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The device probe reports what TF really uses. */
class TfDevicesTest {

	@Test
	void reportsCpuWithoutCudaDevice() {
		final String device = TfRuntime.get().device();
		System.out.println("TF device: " + device + ", GPU natives present: " +
			TfDevices.gpuNativesPresent());
		// NB: this build machine has no GPU; with -Pgpu the CUDA natives load and
		// the pinned op must still be refused.
		final boolean cuda = new java.io.File("/dev/nvidia0").exists();
		if (!cuda) assertEquals("CPU", device);
		else assertTrue(device.equals("GPU:0") || device.equals("CPU"));
		// probed once, cached
		assertTrue(device == TfRuntime.get().device());
	}
}
