/** A server started for one vendor. */
export interface Started {
  url: string;
  stop(): Promise<void>;
}

/**
 * Start one server per vendor, in parallel. If any fails to start (or `signal` aborts), the
 * others' start-up is given up at once and all are stopped.
 */
export async function startAll(
  vendors: readonly string[],
  start: (vendor: string, signal: AbortSignal) => Promise<Started>,
  signal?: AbortSignal,
): Promise<{ urls: Readonly<Record<string, string>>; stop(): Promise<void> }> {
  const failed = new AbortController();
  const starting = signal ? AbortSignal.any([signal, failed.signal]) : failed.signal;
  const started = await Promise.allSettled(
    vendors.map((vendor) =>
      start(vendor, starting).catch((error: unknown) => {
        failed.abort(error);
        throw error;
      }),
    ),
  );
  const servers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const stop = async () => void (await Promise.all(servers.map((server) => server.stop())));
  const failure = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) {
    await stop();
    throw failure.reason;
  }
  const urls = Object.fromEntries(vendors.map((vendor, i) => [vendor, (servers[i] as Started).url]));
  return { urls, stop };
}
