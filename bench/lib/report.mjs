// results.json and the Markdown table (printed, and written to results.md).

const fmt = (value, unit) => {
  if (value === Infinity) return 'failed';
  if (unit === 'found') return value ? 'found' : 'none';
  const digits = Number.isInteger(value) || Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const number = Number(value).toFixed(unit.startsWith('×') ? 2 : digits);
  return unit.startsWith('×') ? `${number}${unit}` : `${number} ${unit}`;
};

/** What the medians behind a ratio were, for the table's last column. */
function detail(e) {
  if (e.medians) {
    const medians =
      Object.entries(e.medians)
        .map(([name, value]) => `${name} ${value}`)
        .join(' vs ') + ` ${e.medianUnit ?? ''}`.trimEnd();
    const range = e.range ? `; rounds ${e.range[0]}–${e.range[1]}` : '';
    const cpu = e.cpuRatio !== undefined ? `; by CPU time ${e.cpuRatio}× (${Object.values(e.cpuUsPerRequest).join(' vs ')} µs/req)` : '';
    return medians + range + cpu;
  }
  const parts = [];
  if (e.largestInputs) parts.push(`largest: ${e.largestInputs.slice(0, 3).join(', ')} B`);
  if (e.externals) parts.push(`external: ${e.externals.join(', ')}`);
  if (e.concurrentEdits) parts.push(`re-measured after concurrent edits to ${e.concurrentEdits.map((c) => c.task).join(', ')}`);
  if (e.cached) parts.push(`${e.cached} cached`);
  if (e.misses) parts.push(`misses: ${e.misses.join(', ')}`);
  if (e.tests) parts.push(`tests: ${e.tests}`);
  if (e.cpuSeconds) parts.push(`${e.cpuSeconds} s of CPU`);
  if (e.exitCode) parts.push(`exit code ${e.exitCode}`);
  if (e.livePeakMB !== undefined) parts.push(`${e.livePeakMB} MB live vs ${e.holdingAllMB} MB for all; ${e.bytesPerNumberRetained} B retained per number`);
  if (e.peakMB !== undefined) parts.push(`${e.peakMB} MB`);
  if (e.note) parts.push(e.note);
  return parts.join('; ');
}

/** When and where a run was taken. */
const runLine = (meta) =>
  `${meta.date} · node ${meta.node} · ${meta.cpus} × ${meta.cpuModel} · load average ${meta.loadAverage.start.join(' / ')} at start, ${meta.loadAverage.end.join(' / ')} at end · ${meta.commit}${meta.dirty ? ' (uncommitted changes)' : ''}`;

/**
 * `before` (an earlier results.json, optional) adds a column with its value of each figure of the
 * same name, and its commit in the header.
 */
export function markdown(results, before) {
  const { meta, entries } = results;
  const earlier = new Map((before?.entries ?? []).map((e) => [e.name, e]));
  const was = (e) => (earlier.has(e.name) ? `${fmt(earlier.get(e.name).value, e.unit)} | ` : before ? '— | ' : '');
  const lines = [
    `# Switchboard benchmarks`,
    '',
    runLine(meta),
    '',
    ...Object.entries(meta.sections ?? {}).flatMap(([section, run]) => [`Section ${section} run alone since: ${runLine(run)}`, '']),
    'Ratios are medians of per-round ratios over interleaved rounds (higher throughput ratio = faster; lower time ratio = faster); "rounds a–b" is the spread of the per-round ratios. "By CPU time" is the same ratio from the client process\'s CPU time per request, which other processes on the machine do not inflate. Pipeline times are absolute.',
    '',
    ...(before ? [`"Before" is ${before.meta.commit} (${before.meta.date}), measured with the same benchmark code.`, ''] : []),
    ...Object.entries(before?.meta.sections ?? {}).flatMap(([section, run]) => [`"Before" of section ${section}: ${run.commit}, ${run.date}. ${run.note}`, '']),
    `| Benchmark | ${before ? 'Before | ' : ''}Value | Goal | Result | Detail |`,
    `| --- | ${before ? '--- | ' : ''}--- | --- | --- | --- |`,
    ...entries.map(
      (e) =>
        `| ${e.name} | ${was(e)}${fmt(e.value, e.unit)} | ${e.goal ?? '—'} | ${e.pass === null ? 'info' : e.pass ? 'pass' : '**MISS**'} | ${detail(e).replaceAll('|', '\\|')} |`,
    ),
    '',
    `${entries.filter((e) => e.pass === true).length} goals met, ${entries.filter((e) => e.pass === false).length} missed.`,
    '',
  ];
  return lines.join('\n');
}
