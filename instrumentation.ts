export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startScanService } = await import("./lib/server/scan-service");
  try {
    await startScanService();
  } catch (error) {
    console.error(
      `kms-drift: could not start the scan service: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
